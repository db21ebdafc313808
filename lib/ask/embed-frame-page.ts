import { env } from "../env";
import { isCurrency, isFrequency } from "./amounts";
import { isSurface } from "./config";
import { supportedLocaleOf } from "../i18n/locale";
import { parseReturnTo, returnPolicy } from "../http/return-to";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The iframe fallback (/embed/ask): a bare page, without the site's chrome, that runs the same embed script
 * in frame mode. Only known values from the query reach the page. The proxy's Content-Security-Policy allows
 * scripts by nonce and lets only ASK_EMBED_ORIGINS frame /embed/ pages.
 */
export function embedFramePage(query: URLSearchParams, nonce: string | null): string {
  const publication = escape(env().PUBLICATION_NAME);
  const surface = query.get("surface") ?? "embed";
  const currency = query.get("currency") ?? "";
  const frequency = query.get("frequency") ?? "";
  const locale = query.get("locale");
  const lang = supportedLocaleOf(locale) ?? "en";
  // The host's article (the frame cannot read its parent's address): where Checkout brings the reader back.
  const back = parseReturnTo(query.get("return"), returnPolicy());
  const data = [
    `data-surface="${isSurface(surface) ? surface : "embed"}"`,
    back?.kind === "host" ? `data-return="${escape(back.url)}"` : "",
    isCurrency(currency) ? `data-currency="${currency}"` : "",
    isFrequency(frequency) ? `data-frequency="${frequency}"` : "",
    `data-locale="${lang}"`,
  ].join(" ");
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Support ${publication}</title>
<style>html,body{margin:0;background:transparent}body{display:flow-root}main{padding:0 4px}.demo-banner{margin:0 4px 8px;padding:4px 8px;background:#fff1b8;color:#1a1a1a;border:1px solid #8a6d00;border-radius:4px;font:14px/1.4 system-ui,sans-serif}.demo-banner p{margin:0}</style>
</head>
<body>
${env().mode === "demo" ? `<header class="demo-banner" aria-label="Demo mode"><p><strong>Demo — no real payments.</strong></p></header>\n` : ""}<main id="ask" aria-label="Support ${publication}"><noscript><p><a href="/support" target="_top">Support ${publication}</a></p></noscript></main>
<script src="/embed.js" async data-frame data-target="#ask" ${data}${nonce ? ` nonce="${escape(nonce)}"` : ""}></script>
</body>
</html>
`;
}
