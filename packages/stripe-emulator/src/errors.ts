/**
 * Stripe's error envelope: `{ error: { type, code, message, param } }`. The SDK turns `type` into its error classes
 * (invalid_request_error → StripeInvalidRequestError, card_error → StripeCardError, idempotency_error →
 * StripeIdempotencyError), so the type and HTTP status must match what Stripe would send.
 */
export type StripeErrorType =
  "invalid_request_error" | "card_error" | "idempotency_error" | "api_error";

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
}

export class ApiError extends Error {
  /**
   * A request whose parameters failed validation never started running: Stripe saves no idempotent result for
   * it, so the same key can be retried with corrected parameters. Every other error is the request's result.
   */
  validation = false;

  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }

  /** Marks the error as a parameter-validation failure (see `validation`). */
  asValidation(): this {
    this.validation = true;
    return this;
  }

  toJSON(): { error: StripeErrorBody } {
    return { error: this.body };
  }
}

const docUrl = (code: string) => `https://docs.stripe.com/error-codes/${code.replaceAll("_", "-")}`;

export function invalidRequest(message: string, param?: string, code?: string): ApiError {
  return new ApiError(400, {
    type: "invalid_request_error",
    message,
    ...(code ? { code, doc_url: docUrl(code) } : {}),
    ...(param ? { param } : {}),
  });
}

/** A parameter that is not valid as sent (wrong type, out of range, not one of the allowed values). */
export function invalidParam(message: string, param?: string, code?: string): ApiError {
  return invalidRequest(message, param, code).asValidation();
}

export function missingParam(param: string): ApiError {
  return invalidParam(`Missing required param: ${param}.`, param, "parameter_missing");
}

export function unknownParam(param: string): ApiError {
  return invalidParam(`Received unknown parameter: ${param}`, param, "parameter_unknown");
}

/** `noun` is Stripe's wording in the message, e.g. "customer", "checkout.session". */
export function resourceMissing(noun: string, id: string, param = "id"): ApiError {
  return new ApiError(404, {
    type: "invalid_request_error",
    code: "resource_missing",
    doc_url: docUrl("resource_missing"),
    message: `No such ${noun}: '${id}'`,
    param,
  });
}

export function cardDeclined(message = "Your card was declined."): ApiError {
  return new ApiError(402, {
    type: "card_error",
    code: "card_declined",
    decline_code: "generic_decline",
    doc_url: docUrl("card_declined"),
    message,
  });
}

export function idempotencyMismatch(key: string): ApiError {
  return new ApiError(400, {
    type: "idempotency_error",
    message:
      "Keys for idempotent requests can only be used with the same parameters they were first used with. " +
      `Try using a key other than '${key}' if you meant to execute a different request.`,
  });
}
