/** Fire-and-forget: the ask never makes the page wait for counting its impression. */
export function sendImpression(surface: string, variant: string): void {
  const body = JSON.stringify({ type: "impression", surface, variant });
  void fetch("/api/ask/event", {
    method: "POST",
    body,
    keepalive: true,
    credentials: "same-origin",
  }).catch(() => undefined);
}
