import { errorResponse } from "./pipeline";

/** For handlers that read no body: any error they throw is answered by the pipeline's error shape. */
export function route<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
