/** The one error type the domain throws on purpose; routes map its code to an HTTP status. */
export type AppErrorCode =
  | "invalid_input"
  | "not_found"
  | "gone"
  | "unauthorized"
  | "forbidden"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "bad_signature"
  | "upstream_unavailable"
  | "retry_later";

const STATUS: Record<AppErrorCode, number> = {
  invalid_input: 400,
  bad_signature: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  upstream_unavailable: 502,
  retry_later: 503,
};

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field errors (answered as `fields`): which input to fix and how. */
    readonly details?: Record<string, string>,
    /** For rate_limited and retry_later: when trying again may succeed (answered as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
