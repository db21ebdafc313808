/** "in about 3 minutes": when a limited reader may try again, in words (Retry-After's seconds, rounded up). */
export function tryAgainIn(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 60) return "in a minute";
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `in about ${minutes} minutes`;
  return `in about ${Math.ceil(minutes / 60)} hours`;
}
