import { publicAskConfig } from "@/lib/ask/public-config";

export const dynamic = "force-dynamic";

/**
 * GET /api/ask/config: the embed's copy, amounts and choices. Public and the same for every reader, so any
 * origin may read it (without credentials) and browsers and CDNs may cache it.
 */
export function GET(): Response {
  return Response.json(publicAskConfig(), {
    headers: {
      "Access-Control-Allow-Origin": "*",
      "Cache-Control": "public, max-age=300, stale-while-revalidate=86400",
    },
  });
}
