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

/** A 303 to `url` (after a form post) whose headers stay writable, so a cookie can still be set on it. */
export function seeOther(url: URL | string): Response {
  return new Response(null, { status: 303, headers: { Location: new URL(url).toString() } });
}
