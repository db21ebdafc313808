import { AppError } from "../errors/app-error";
import { readCookie } from "../http/cookies";
import { errorResponse } from "../http/pipeline";
import { isSurface, SURFACES } from "./config";
import { decideForReader } from "./decide-for-reader";
import { askNow, corsHeaders, readReader, writeReader } from "./http";
import { deferredChoice } from "./reader-state";
import { publishedAsk } from "./published";

/** GET /api/ask?surface=…: whether to show the ask and which variant. Never cached: it is per reader. */
export async function handleAskDecision(request: Request): Promise<Response> {
  const cors = corsHeaders(request);
  if (!cors) return errorResponse(new AppError("forbidden", "This origin may not embed the ask."));
  const surface = new URL(request.url).searchParams.get("surface") ?? "article";
  if (!isSurface(surface)) {
    return errorResponse(
      new AppError("invalid_input", `Unknown surface; use one of ${SURFACES.join(", ")}.`, {
        surface: "Unknown surface.",
      }),
      { headers: cors },
    );
  }
  const { state, isNew, context } = readReader(request);
  let configVersion: number;
  try {
    ({ version: configVersion } = await publishedAsk());
  } catch (error) {
    return errorResponse(error, { headers: cors });
  }
  const decision = await decideForReader(
    state,
    askNow((name) => readCookie(request, name)),
  );
  const response = Response.json(
    // The choice a remind-later kept, so the ask comes back as the reader left it.
    // configVersion: the published ask's; an embed whose config is older fetches that version.
    { ...decision, surface, choice: deferredChoice(state), configVersion },
    { headers: { ...cors, "Cache-Control": "private, no-store" } },
  );
  if (isNew) writeReader(response, state, context);
  return response;
}

export function handleAskPreflight(request: Request): Response {
  const cors = corsHeaders(request);
  return new Response(null, { status: cors ? 204 : 403, headers: cors ?? {} });
}
