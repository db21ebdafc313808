import { headers } from "next/headers";
import type { CaptchaWidgetConfig } from "@/lib/captcha/providers";

/**
 * The provider's widget script, carrying this response's CSP nonce (our policy trusts scripts by nonce and
 * 'strict-dynamic'; the provider's origin is listed too, for browsers without them). React loads it once per
 * page however many asks render it; CaptchaWidget draws the widget when it has loaded.
 */
export async function CaptchaScript({ captcha }: { captcha: CaptchaWidgetConfig }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return <script src={captcha.scriptUrl} async nonce={nonce} />;
}
