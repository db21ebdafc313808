"use client";

import { useEffect, useRef, useState } from "react";
import type { CaptchaWidgetConfig } from "@/lib/captcha/providers";

/** The part of window.turnstile / window.hcaptcha we use (their explicit-rendering API). */
type WidgetApi = {
  render(container: HTMLElement, options: Record<string, unknown>): string | undefined;
  reset(widgetId?: string): void;
  remove?(widgetId: string): void;
};

type Props = { captcha: CaptchaWidgetConfig; error: string | null; errorId: string };

function widgetApi(name: CaptchaWidgetConfig["global"]): WidgetApi | undefined {
  return (window as unknown as Record<string, WidgetApi | undefined>)[name];
}

/**
 * Draws the CAPTCHA widget inside the checkout form once React has hydrated (explicit rendering, so the
 * provider's DOM never meets React's). The widget adds its token to the form as a hidden field
 * (`cf-turnstile-response` / `h-captcha-response`), which the form posts with the reader's choice.
 */
export function CaptchaWidget({ captcha, error, errorId }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const [broken, setBroken] = useState(false);
  const { global, siteKey, scriptUrl, action } = captcha;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let widgetId: string | undefined;
    const draw = () => {
      const api = widgetApi(global);
      if (!api || widgetId !== undefined) return;
      widgetId = api.render(element, {
        sitekey: siteKey,
        ...(action ? { action } : {}),
        // Without an error callback Turnstile throws; either way, tell the reader what to do.
        "error-callback": () => {
          setBroken(true);
          return true;
        },
      });
    };
    const failed = () => setBroken(true);
    const script = document.querySelector<HTMLScriptElement>(
      `script[src="${CSS.escape(scriptUrl)}"]`,
    );
    // A script that failed before React hydrated fired its "error" already: a check that never arrives is
    // reported after a while instead of leaving Continue blocked without a word.
    let late: ReturnType<typeof setTimeout> | undefined;
    if (widgetApi(global)) draw();
    else {
      script?.addEventListener("load", draw);
      script?.addEventListener("error", failed);
      late = setTimeout(() => widgetApi(global) || failed(), 15_000);
    }
    // Back from Checkout with the back button, the page may come from the back/forward cache holding a token
    // that was already spent: ask for a fresh one.
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted && widgetId !== undefined) widgetApi(global)?.reset(widgetId);
    };
    window.addEventListener("pageshow", onPageShow);
    return () => {
      clearTimeout(late);
      script?.removeEventListener("load", draw);
      script?.removeEventListener("error", failed);
      window.removeEventListener("pageshow", onPageShow);
      if (widgetId !== undefined) widgetApi(global)?.remove?.(widgetId);
    };
  }, [global, siteKey, scriptUrl, action]);

  const message = broken
    ? "The check that you are not a robot could not load. Please reload the page and try again."
    : error;
  return (
    <div className="captcha">
      <div ref={container} data-captcha-provider={captcha.provider} />
      <noscript>
        <p className="error">
          To protect readers from card fraud, this form needs JavaScript for a short check that you
          are not a robot.
        </p>
      </noscript>
      {message && (
        <p className="error" id={errorId} role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
