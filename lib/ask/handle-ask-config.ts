import { errorResponse } from "../http/pipeline";
import { publishedAsk } from "./published";
import { publicAskConfig } from "./public-config";
import { isAskLocale } from "./settings";

/**
 * GET /api/ask/config?locale=ru[&v=N]: the embed's copy, amounts and choices. Public and the same for every
 * reader, so any origin may read it (without credentials) and browsers and CDNs may cache it briefly. The
 * decision (GET /api/ask) names the published version; an embed holding an older one asks again with ?v=, a
 * different address, so a published change reaches the embed on the reader's next page view.
 */
export async function handleAskConfig(request: Request): Promise<Response> {
  try {
    const locale = new URL(request.url).searchParams.get("locale");
    const published = await publishedAsk();
    return Response.json(publicAskConfig(published, isAskLocale(locale) ? locale : "en"), {
      headers: {
        "Access-Control-Allow-Origin": "*",
        "Cache-Control": "public, max-age=60, stale-while-revalidate=600",
      },
    });
  } catch (error) {
    return errorResponse(error, { headers: { "Access-Control-Allow-Origin": "*" } });
  }
}
