"use client";

import { useEffect } from "react";

/** Once the payment is recorded, marks this browser as a supporter's so the ask thanks them instead. */
export function RecogniseBrowser({ sessionId }: { sessionId: string }) {
  useEffect(() => {
    void fetch("/api/ask/recognise", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sessionId }),
    }).catch(() => undefined);
  }, [sessionId]);
  return null;
}
