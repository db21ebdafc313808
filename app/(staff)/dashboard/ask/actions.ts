"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireAdmin, requireStaff } from "@/lib/auth/require";
import { hasRole } from "@/lib/auth/roles";
import {
  discardDraft,
  latestPublished,
  publishSettings,
  restoreVersion,
  saveDraft,
} from "@/lib/ask/ask-versions";
import { forgetPublishedAsk } from "@/lib/ask/published";
import { fieldsFromForm, settingsFromFields } from "@/lib/ask/settings-form";
import { defaultAskSettings } from "@/lib/ask/settings";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";

// Back to the editor with a code the page turns into words (never words from the request).
function back(params: Record<string, string> = {}): never {
  const url = new URL("/dashboard/ask", env().APP_URL);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  redirect(url.toString());
}

/** Save draft, publish (admins), or discard the draft: one form, the pressed button's intent. */
export async function editAsk(formData: FormData): Promise<void> {
  const user = await requireStaff("/dashboard/ask");
  const intent = formData.get("intent");
  if (intent === "discard") {
    await discardDraft(db);
    back({ done: "discarded" });
  }
  const published = await latestPublished(db);
  const fields = fieldsFromForm(formData);
  // Whatever happens next, the work typed is kept.
  await saveDraft(db, fields, user.email ?? user.id, published?.version ?? null);
  revalidatePath("/dashboard/ask");
  if (intent !== "publish") back({ done: "saved" });
  if (!hasRole(user.role, "ADMIN")) back({ error: "admin-only" });
  const base = published?.settings ?? defaultAskSettings(env().DEFAULT_CURRENCY);
  const { candidate, problems } = settingsFromFields(fields, base);
  if (problems.length > 0) back({ error: "problems" });
  const version = await publishSettings(db, candidate, user.email ?? user.id);
  forgetPublishedAsk();
  back({ done: "published", version: String(version) });
}

export async function restoreAsk(formData: FormData): Promise<void> {
  const admin = await requireAdmin("/dashboard/ask");
  const parsed = z.coerce.number().int().min(1).max(1_000_000).safeParse(formData.get("version"));
  if (!parsed.success) back({ error: "no-version" });
  // Only "no such version" is the request's fault; anything else is an outage and is answered as one.
  const version = await restoreVersion(db, parsed.data, admin.email ?? admin.id).catch(
    (error: unknown) => {
      if (isAppError(error) && error.code === "not_found") return null;
      throw error;
    },
  );
  if (version === null) back({ error: "no-version" });
  forgetPublishedAsk();
  revalidatePath("/dashboard/ask");
  back({ done: "restored", version: String(version), from: String(parsed.data) });
}
