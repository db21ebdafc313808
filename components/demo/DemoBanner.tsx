/**
 * Shown on every page in demo mode (lib/env.ts): nobody should mistake a demo for the real thing, nor pay one.
 * A labelled region, so screen readers list it with the page's landmarks.
 */
export function DemoBanner() {
  return (
    <div className="demo-banner" role="region" aria-label="Demo mode">
      <p>
        <strong>Demo — no real payments.</strong> Checkout is a test stand-in and no card is
        charged; sign-in mail stays on this machine.
      </p>
    </div>
  );
}
