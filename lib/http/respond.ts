import { isAppError } from "../errors/app-error";
import { describeError } from "../security/redact";

/** Maps an AppError to its status and a JSON message; anything else is a 500 with nothing leaked. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) return Response.json({ error: error.message, code: error.code }, { status: error.status });
  console.error(`request failed: ${describeError(error)}`);
  return Response.json({ error: "Something went wrong." }, { status: 500 });
}

export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
