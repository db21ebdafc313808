import { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { errorResponse, isFormPost } from "../http/pipeline";
import { readBodyText } from "../http/read-body";
import { refuseCrossSite } from "../security/origin";
import { unsubscribedPageUrl } from "./reminder-mail";
import { unsubscribeByToken } from "./send-due-reminders";

const token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/**
 * POST /api/reminders/unsubscribe?token=…: the one-click unsubscribe of RFC 8058 (mail clients post
 * "List-Unsubscribe=One-Click") and the button on the unsubscribe page (a form post, answered with a redirect).
 */
export async function handleUnsubscribe(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const parsed = token.safeParse(url.searchParams.get("token"));
  if (!parsed.success)
    return errorResponse(new AppError("invalid_input", "This unsubscribe link is not valid."));
  const form = isFormPost(request);
  let body = "";
  try {
    body = form ? await readBodyText(request, 1024) : "";
  } catch (error) {
    return errorResponse(error);
  }
  const oneClick = form && new URLSearchParams(body).get("List-Unsubscribe") === "One-Click";
  // A mail client's one-click post may come from any origin (webmail) and is authorised by the token alone,
  // as RFC 8058 intends; the page's button is ours, so only our own pages may press it.
  if (!oneClick) {
    const refused = refuseCrossSite(request);
    if (refused) return refused;
  }
  const email = await unsubscribeByToken(db, parsed.data);
  if (!email)
    return errorResponse(new AppError("not_found", "This unsubscribe link is not valid."));
  if (form && !oneClick)
    return Response.redirect(unsubscribedPageUrl(env().APP_URL, parsed.data), 303);
  return Response.json({ unsubscribed: true });
}
