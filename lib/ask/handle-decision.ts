import { NextResponse, type NextRequest } from "next/server";
import { isSurface, SURFACES } from "./config";
import { decideForReader } from "./decision";
import { askNow, corsHeaders, readReader, writeReader } from "./http";

/** GET /api/ask?surface=…: whether to show the ask and which variant. Never cached: it is per reader. */
export async function handleAskDecision(request: NextRequest): Promise<NextResponse> {
  const cors = corsHeaders(request);
  if (!cors) return NextResponse.json({ error: "This origin may not embed the ask." }, { status: 403 });
  const surface = request.nextUrl.searchParams.get("surface") ?? "article";
  if (!isSurface(surface)) {
    return NextResponse.json({ error: `Unknown surface; use one of ${SURFACES.join(", ")}.` }, { status: 400, headers: cors });
  }
  const { state, isNew, context } = readReader(request);
  const decision = await decideForReader(state, askNow((name) => request.cookies.get(name)?.value));
  const response = NextResponse.json({ ...decision, surface }, { headers: { ...cors, "Cache-Control": "private, no-store" } });
  if (isNew) writeReader(response, state, context);
  return response;
}

export function handleAskPreflight(request: NextRequest): NextResponse {
  const cors = corsHeaders(request);
  return new NextResponse(null, { status: cors ? 204 : 403, headers: cors ?? {} });
}
