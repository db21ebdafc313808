"use client";

import { useEffect } from "react";
import { sendImpression } from "./beacon";

/**
 * Counts one impression when the ask is actually rendered in a browser (never during server rendering); a
 * browser without JavaScript loads the same count as an image.
 */
export function ImpressionBeacon({ surface, variant }: { surface: string; variant: string }) {
  useEffect(() => {
    sendImpression(surface, variant);
  }, [surface, variant]);
  const pixel = `/api/ask/event?${new URLSearchParams({ type: "impression", surface, variant })}`;
  return (
    <noscript>
      {/* eslint-disable-next-line @next/next/no-img-element -- a counting pixel, not content */}
      <img src={pixel} alt="" width={1} height={1} className="pixel" />
    </noscript>
  );
}
