/**
 * What our code writes to logs must not carry secrets, card data or readers' personal data: error messages
 * from Prisma, Stripe, SMTP servers and next-auth often quote the values they were given (an email in a
 * failed query, a recipient an SMTP server refused, a magic link). Everything logged goes through here.
 */
const RULES: Array<[RegExp, string]> = [
  // Credentials in URLs (postgres://user:password@host, smtp://user:pass@host).
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/:@]+:[^\s/@]+@/gi, "$1[redacted]@"],
  // Stripe keys, webhook secrets, client secrets, and bearer tokens.
  [/\b(sk|rk|pk)_(live|test)_[A-Za-z0-9_]+/g, "$1_$2_[redacted]"],
  [/\bwhsec_[A-Za-z0-9_]+/g, "whsec_[redacted]"],
  [/\b(cs|pi|seti)_[A-Za-z0-9]+_secret_[A-Za-z0-9]+/g, "[redacted client secret]"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 [redacted]"],
  // Tokens in query strings (magic links, unsubscribe links, reset links).
  [
    /([?&](?:token|code|csrfToken|session_token|access_token|unsubscribe)=)[^&\s"'<>]+/gi,
    "$1[redacted]",
  ],
  // Card numbers: 13 to 19 digits, optionally grouped by spaces or dashes.
  [/\b\d(?:[ -]?\d){12,18}\b/g, "[redacted card]"],
  // Email addresses.
  [/[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, "[redacted email]"],
];

/** Strips secrets, card numbers and email addresses from a text; one line, no control characters (log injection). */
export function redact(text: string): string {
  let out = text
    .replace(/[\r\n]+/g, " ")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "");
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

/** An error as one safe line for the log: its name, code and message (redacted), never its arguments. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const head = `${error.name}${typeof code === "string" || typeof code === "number" ? ` [${code}]` : ""}`;
    // Prisma's messages quote the whole invocation (arguments included) between the first line and the
    // last (the reason): keep those two.
    const lines = error.message.split("\n").filter((line) => line.trim());
    const message = lines.length > 2 ? `${lines[0]} … ${lines.at(-1)}` : lines.join(" | ");
    return redact(`${head}: ${message}`).slice(0, 2000);
  }
  return redact(String(error)).slice(0, 2000);
}
