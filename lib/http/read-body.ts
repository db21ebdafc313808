import { AppError } from "../errors/app-error";

function tooLarge(maxBytes: number): AppError {
  return new AppError(
    "payload_too_large",
    `The request body is larger than this endpoint accepts (${Math.round(maxBytes / 1024)} KB).`,
  );
}

/**
 * The request body as text, read from its stream with a byte counter: past `maxBytes` the stream is cancelled
 * (nothing more is pulled from the socket) and a 413 AppError is thrown, whether or not the client declared a
 * Content-Length. Decoded as UTF-8 exactly as `request.text()` would, so signed bodies reach their check unchanged.
 */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Not awaited: on a cloned body (a tee) cancel settles only once the other branch is cancelled too, and
      // the stream stops being pulled as soon as cancel is called.
      void reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
