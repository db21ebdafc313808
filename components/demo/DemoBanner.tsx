import { useTranslations } from "next-intl";

/**
 * Shown on every page in demo mode (lib/env.ts): nobody should mistake a demo for the real thing, nor pay one.
 * A labelled region, so screen readers list it with the page's landmarks.
 */
export function DemoBanner() {
  const t = useTranslations("layout.demoBanner");
  return (
    <div className="demo-banner" role="region" aria-label={t("label")}>
      <p>{t.rich("body", { strong: (chunks) => <strong>{chunks}</strong> })}</p>
    </div>
  );
}
