import autocannon from "autocannon";

export type LoadResult = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  statuses: Record<string, number>;
};

export type LoadOptions = {
  seconds: number;
  connections: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Headers that must differ per request (an idempotency key). */
  perRequestHeaders?: () => Record<string, string>;
};

/** One autocannon run against a URL on this machine (loopback only). */
export async function load(url: string, options: LoadOptions): Promise<LoadResult> {
  const { perRequestHeaders } = options;
  const result = await autocannon({
    url,
    duration: options.seconds,
    connections: options.connections,
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body,
    ...(perRequestHeaders
      ? {
          requests: [
            {
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                headers: { ...request.headers, ...perRequestHeaders() },
              }),
            },
          ],
        }
      : {}),
  });
  const statuses: Record<string, number> = {};
  for (const key of ["1xx", "2xx", "3xx", "4xx", "5xx"] as const)
    if (result[key]) statuses[key] = result[key];
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    statuses,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * A route against its baseline on a shared machine, whose load from other work drifts over seconds: the
 * baseline is run before the first round and after each, and each round's ratio is the route's figure over the
 * mean of the baseline runs either side of it; the figure of merit is the median of those ratios (less noisy
 * than the ratio of two medians, when a whole round can be slowed by something else on the machine).
 */
export async function flankedRatios(
  rounds: number,
  baseline: () => Promise<number>,
  subject: () => Promise<number>,
): Promise<{ ratio: number; subject: number[]; baseline: number[] }> {
  const bare = [await baseline()];
  const measured: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    measured.push(await subject());
    bare.push(await baseline());
    ratios.push(measured[round]! / ((bare[round]! + bare[round + 1]!) / 2));
  }
  return { ratio: median(ratios), subject: measured, baseline: bare };
}
