import { z } from "zod";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { errorResponse } from "../http/pipeline";
import { refuseCrossSite } from "../security/origin";
import { confirmPageUrl } from "./confirm-mail";
import { confirmReminder } from "./confirmation";

export const confirmToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/**
 * POST /api/reminders/confirm?token=…: the button on the confirmation page (GET of the page changes nothing, so
 * a mail scanner opening the link confirms no one). Form posts go back to the page, which shows the outcome.
 */
export async function handleConfirmReminder(request: Request): Promise<Response> {
  const parsed = confirmToken.safeParse(new URL(request.url).searchParams.get("token"));
  if (!parsed.success)
    return errorResponse(new AppError("invalid_input", "This confirmation link is not valid."));
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  const outcome = await confirmReminder(db, parsed.data, new Date());
  if ((request.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
    return Response.redirect(confirmPageUrl(env().APP_URL, parsed.data), 303);
  }
  if (outcome.state === "confirmed")
    return Response.json({ confirmed: true, dueAt: outcome.dueAt.toISOString() });
  if (outcome.state === "expired")
    return errorResponse(new AppError("gone", "This confirmation link has expired."));
  return errorResponse(new AppError("not_found", "This confirmation link is not valid."));
}
