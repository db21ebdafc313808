import { errorResponse } from "../http/pipeline";
import { publishedAsk } from "./published";
import { publicAskConfig } from "./public-config";
import { negotiateLocale } from "../i18n/locale";

/**
 * GET /api/ask/config?locale=ru[&v=N]: the embed's copy, amounts and choices. Public and the same for every
 * reader, so any origin may read it (without credentials) and browsers and CDNs may cache it briefly. The
 * decision (GET /api/ask) names the published version; an embed holding an older one asks again with ?v=, a
 * different address, so a published change reaches the embed on the reader's next page view.
 */
export async function handleAskConfig(request: Request): Promise<Response> {
  try {
    // The embed names the host page's language; without it, the browser's.
    const locale = negotiateLocale({
      explicit: new URL(request.url).searchParams.get("locale") ?? undefined,
      acceptLanguage: request.headers.get("accept-language") ?? undefined,
    });
    const published = await publishedAsk();
    return Response.json(publicAskConfig(published, locale), {
      headers: {
        "Access-Control-Allow-Origin": "*",
        Vary: "Accept-Language",
        "Cache-Control": "public, max-age=60, stale-while-revalidate=600",
      },
    });
  } catch (error) {
    return errorResponse(error, { headers: { "Access-Control-Allow-Origin": "*" } });
  }
}
