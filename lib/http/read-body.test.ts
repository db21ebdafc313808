import { describe, expect, it } from "vitest";
import { isAppError } from "../errors/app-error";
import { readBodyText } from "./read-body";
import { countingStream } from "@/test/http/test-streams";

function chunkedRequest(body: ReadableStream<Uint8Array>): Request {
  // No Content-Length: the size is known only by reading, as with Transfer-Encoding: chunked.
  return new Request("http://127.0.0.1/x", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readBodyText", () => {
  it("stops pulling from the stream at the cap and answers 413, without a Content-Length", async () => {
    const { stream, seen } = countingStream(1000, 1024); // 1 MB offered, cap 8 KB
    const error = await readBodyText(chunkedRequest(stream), 8 * 1024).catch((e: unknown) => e);
    expect(isAppError(error) && error.status).toBe(413);
    expect(seen.pulled).toBeLessThanOrEqual(10);
    expect(seen.cancelled).toBe(true);
  });

  it("refuses a declared Content-Length over the cap before reading anything", async () => {
    const { stream, seen } = countingStream(1000, 1024);
    const request = new Request("http://127.0.0.1/x", {
      method: "POST",
      body: stream,
      duplex: "half",
      headers: { "content-length": "1024000" },
    } as RequestInit);
    const error = await readBodyText(request, 8 * 1024).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("payload_too_large");
    expect(seen.pulled).toBe(0);
  });

  it("returns a body at the cap exactly as request.text() would (UTF-8, a BOM dropped, bad bytes replaced)", async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"name":"Zoë ✓"}'),
      Buffer.from([0xff]),
    ]);
    const expected = await new Request("http://x/", { method: "POST", body: bytes }).text();
    expect(
      await readBodyText(new Request("http://x/", { method: "POST", body: bytes }), bytes.length),
    ).toBe(expected);
    expect(await readBodyText(new Request("http://x/", { method: "POST" }), 10)).toBe("");
  });
});
