import { looksLikeBot, readReader, writeReader } from "../ask/http";
import { checkCaptcha } from "../captcha/check-request";
import { CAPTCHA_MESSAGES } from "../captcha/messages";
import type { CaptchaVerdict } from "../captcha/verify";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { errorResponse, isFormPost, readInput, setFormFlag, type FormFlag } from "../http/pipeline";
import { seeOther } from "../http/respond";
import { parseReturnTo, returnPolicy, returnToValue } from "../http/return-to";
import { addressKey } from "../security/client-address";
import { assertSameSite } from "../security/origin";
import { clientIp, enforce } from "../security/rate-limit";
import { parseCheckoutChoice, withChosenAmount } from "./checkout-request";
import { publishedAsk } from "../ask/published";
import { createCheckout } from "./create-checkout";

const MAX_BODY_BYTES = 8 * 1024;

/**
 * Back to the ask with what the reader chose, so the page can re-validate it and say what to fix: the article's
 * own ask when the reader came from one of our pages, else /support (carrying the article to come back to).
 */
function formPage(input: unknown): URL {
  const fields = withChosenAmount(input);
  const back = parseReturnTo(fields.returnTo, returnPolicy());
  const onArticle = back?.kind === "path" && back.path !== "/support";
  const url = onArticle ? new URL(back.path, env().APP_URL) : new URL("/support", env().APP_URL);
  const keys = ["frequency", "currency", "amount", "otherAmount"];
  if (!onArticle) keys.push("surface", "variant");
  for (const key of keys) {
    const value = fields[key];
    if (typeof value === "string" && value.length <= 40) url.searchParams.set(key, value);
  }
  if (back && !onArticle) url.searchParams.set("returnTo", returnToValue(back));
  if (onArticle && typeof fields.surface === "string" && /^[a-z-]{1,20}$/.test(fields.surface))
    url.hash = `ask-${fields.surface}`;
  return url;
}

const backTo = (input: unknown) => (flag: FormFlag) =>
  setFormFlag(formPage(input), flag, {
    invalid: ["invalid", "1"],
    limited: "limited",
    unavailable: ["unavailable", "1"],
  });

/** A missing or refused token: the reader can solve the widget again. The check failing closed: try later. */
function refuseCaptcha(
  verdict: Exclude<CaptchaVerdict, { ok: true }>,
  input: unknown,
  form: boolean,
): Response {
  if (form) {
    const url = formPage(input);
    url.searchParams.set("captcha", verdict.reason === "unavailable" ? "unavailable" : "1");
    return Response.redirect(url, 303);
  }
  const error =
    verdict.reason === "unavailable"
      ? new AppError("retry_later", CAPTCHA_MESSAGES.unavailable)
      : new AppError("invalid_input", CAPTCHA_MESSAGES.retry, { captcha: CAPTCHA_MESSAGES.retry });
  return errorResponse(error);
}

/**
 * POST /api/checkout: a plain form post (works without JavaScript: 303 to Checkout or back to the form)
 * or JSON (400 with field errors, or { url }).
 */
export async function handleCheckoutRequest(request: Request): Promise<Response> {
  let input: unknown;
  try {
    // The embed's Continue is a form post from the host's page: its configured host sites may post here too.
    assertSameSite(request, { embed: true });
    ({ input } = await readInput(request, { maxBytes: MAX_BODY_BYTES, accept: ["form", "json"] }));
    const form = isFormPost(request);
    const parsed = parseCheckoutChoice(input, (await publishedAsk()).settings, returnPolicy());
    if (!parsed.ok)
      throw new AppError("invalid_input", "Please correct the highlighted fields.", parsed.errors);

    // Card testers script this endpoint: cap checkouts per address and per browser, across all instances, and
    // all checkouts together per minute (a circuit breaker for a distributed attack). A request without a
    // reader cookie is a fresh browser: it spends the budget that this address's fresh browsers share.
    const reader = readReader(request);
    const address = clientIp(request);
    await enforce(
      [
        ["checkout-ip", address],
        ["checkout-reader", reader.isNew ? `new@${addressKey(address)}` : reader.state.k],
        ["checkout-global", "all"],
      ],
      "Too many checkout attempts from this connection. Nothing was charged.",
    );
    // After the rate limits, so a flood spends its budget here and not calls to the CAPTCHA provider.
    const captcha = await checkCaptcha(input, request);
    if (!captcha.ok) return refuseCaptcha(captcha, input, form);
    // The browser's reader key ties the payment to its remind-laters and lets the thank-you page recognise it; a
    // browser that has none yet (it went straight to Continue) gets one now.
    // A scripted client (a card tester's HTTP library) still gets its checkout, but not a place in the funnel.
    const { url } = await createCheckout(parsed.choice, reader.state.k, {
      countInFunnel: !looksLikeBot(request),
    });
    const response = form ? seeOther(url) : Response.json({ url });
    if (reader.isNew) writeReader(response, reader.state, reader.context);
    return response;
  } catch (error) {
    return errorResponse(error, { form: isFormPost(request), back: backTo(input) });
  }
}
