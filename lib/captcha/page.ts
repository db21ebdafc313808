import { env } from "../env";
import { widgetConfig, type CaptchaWidgetConfig } from "./providers";

/** What our pages need to draw the CAPTCHA widget in the ask, or null when CAPTCHA_PROVIDER is off. */
export function pageCaptcha(): CaptchaWidgetConfig | null {
  const captcha = env().captcha;
  return captcha ? widgetConfig(captcha.provider, captcha.siteKey) : null;
}
