import type { NextRequest } from "next/server";
import { embedFramePage } from "@/lib/ask/embed-frame-page";

export const dynamic = "force-dynamic";

/**
 * GET /embed/ask?surface=embed&currency=USD: the ask for hosts that prefer an <iframe> to a script. A route
 * handler, not a page, so none of the app's layout (header, footer, styles) is drawn around it.
 */
export function GET(request: NextRequest): Response {
  return new Response(
    embedFramePage(request.nextUrl.searchParams, request.headers.get("x-nonce")),
    {
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    },
  );
}
