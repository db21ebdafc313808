"use client";

import { useEffect } from "react";
import { sendAskEvent } from "./beacon";

/** Counts one impression when the ask is actually rendered in a browser (never during server rendering). */
export function ImpressionBeacon({ surface, variant }: { surface: string; variant: string }) {
  useEffect(() => {
    sendAskEvent("impression", surface, variant);
  }, [surface, variant]);
  return null;
}
