import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Tests only: a local stand-in for Turnstile's and hCaptcha's siteverify, speaking their format
 * (form-encoded secret/response/remoteip[/sitekey] in, JSON `{ success, "error-codes", challenge_ts, hostname }`
 * out). What it answers depends on the token, so a test picks the case by the token it sends:
 *   pass            success for `hostname`
 *   pass:<host>     success, solved on <host>
 *   action:<name>   success with Turnstile's `action` set to <name>
 *   slow            answers after 10 s
 *   http-500        an HTML error page with status 500
 *   not-json        status 200, not JSON
 *   wrong-shape     JSON without `success`
 *   internal        { success: false, error-codes: ["internal-error"] }
 *   anything else   { success: false, error-codes: ["invalid-input-response"] }
 * A secret other than `secret` gets invalid-input-secret; a token used twice gets timeout-or-duplicate.
 */
export type SiteverifyCall = { contentType: string | undefined; form: Record<string, string> };

export async function startSiteverify(options: { hostname: string; secret?: string }) {
  const calls: SiteverifyCall[] = [];
  const seen = new Set<string>();
  const secret = options.secret ?? "secret";
  const server = createServer(async (req, res) => {
    const form = Object.fromEntries(new URLSearchParams(await body(req)));
    calls.push({ contentType: req.headers["content-type"], form });
    const token = form.response ?? "";
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    if (req.method !== "POST") return json(405, { success: false, "error-codes": ["bad-request"] });
    if (!form.secret) return json(200, { success: false, "error-codes": ["missing-input-secret"] });
    if (form.secret !== secret)
      return json(200, { success: false, "error-codes": ["invalid-input-secret"] });
    if (!token) return json(200, { success: false, "error-codes": ["missing-input-response"] });
    if (token === "slow") {
      const timer = setTimeout(
        () => json(200, { success: true, "error-codes": [], hostname: options.hostname }),
        10_000,
      );
      res.on("close", () => clearTimeout(timer));
      return;
    }
    if (token === "http-500") {
      res.writeHead(500, { "content-type": "text/html" });
      return res.end("<html><body>Internal Server Error</body></html>");
    }
    if (token === "not-json") {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<html>maintenance</html>");
    }
    if (token === "wrong-shape") return json(200, { ok: true });
    if (token === "internal")
      return json(200, { success: false, "error-codes": ["internal-error"] });
    if (seen.has(token))
      return json(200, { success: false, "error-codes": ["timeout-or-duplicate"] });
    seen.add(token);
    const challenge_ts = new Date().toISOString();
    if (token === "pass" || token.startsWith("pass-"))
      return json(200, {
        success: true,
        "error-codes": [],
        challenge_ts,
        hostname: options.hostname,
      });
    if (token.startsWith("pass:"))
      return json(200, {
        success: true,
        "error-codes": [],
        challenge_ts,
        hostname: token.slice(5),
      });
    if (token.startsWith("action:"))
      return json(200, {
        success: true,
        "error-codes": [],
        challenge_ts,
        hostname: options.hostname,
        action: token.slice(7),
      });
    return json(200, { success: false, "error-codes": ["invalid-input-response"] });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/siteverify`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
