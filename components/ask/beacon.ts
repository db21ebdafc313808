/** Fire-and-forget: the ask never makes the page wait for counting. */
export function sendAskEvent(
  type: "impression" | "continue",
  surface: string,
  variant: string,
): void {
  const body = JSON.stringify({ type, surface, variant });
  void fetch("/api/ask/event", {
    method: "POST",
    body,
    keepalive: true,
    credentials: "same-origin",
  }).catch(() => undefined);
}
