import { mintRecognitionToken } from "../ask/recognition-token";
import { env } from "../env";
import { parseReturnTo, returnPolicy, returnUrl, type ReturnTo } from "../http/return-to";

/** The article the thank-you page leads back to, if the reader came from one (not /support itself). */
export function articleOf(to: unknown): ReturnTo | null {
  const back = parseReturnTo(to, returnPolicy());
  return back && !(back.kind === "path" && back.path === "/support") ? back : null;
}

/**
 * "Back to the article" after paying. On a host site's article the link carries a short-lived token in its
 * fragment, which the embed exchanges for its own cookie (lib/ask/handle-recognise.ts), so it thanks the reader
 * there too; our own articles read the cookie the success URL has just set.
 */
export function backAfterPaying(article: ReturnTo, payer: string | null): string {
  const appUrl = env().APP_URL;
  if (article.kind === "path" || !payer) return returnUrl(article, appUrl).toString();
  const token = mintRecognitionToken(payer, env().cookieSecret, Math.floor(Date.now() / 1000));
  return returnUrl(article, appUrl, {}, `rr-recognise=${token}`).toString();
}

/** "Try again" after a failed payment: the article's ask, or /support. */
export function retryAfterFailure(article: ReturnTo | null): string {
  if (!article) return "/support";
  return returnUrl(
    article,
    env().APP_URL,
    {},
    article.kind === "path" ? "ask-article" : "",
  ).toString();
}
