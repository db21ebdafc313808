"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/require";
import { grantStaff, revokeStaff, staffEmail } from "@/lib/auth/staff-members";
import { staffPageUrl } from "@/lib/auth/staff-notices";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";

// Back to the staff page with a code (lib/auth/staff-notices), never words of our own or the request's host.
function back(params: Parameters<typeof staffPageUrl>[1] = {}): never {
  redirect(staffPageUrl(env().APP_URL, params));
}

export async function inviteStaff(formData: FormData): Promise<void> {
  await requireAdmin();
  const parsed = staffEmail.safeParse(formData.get("email"));
  if (!parsed.success) back({ error: "invalid_email" });
  const outcome = await grantStaff(db, parsed.data);
  revalidatePath("/dashboard/staff");
  back({
    added: parsed.data,
    ...(outcome === "already_staff" ? { already: "staff" as const } : {}),
    ...(outcome === "already_admin" ? { already: "admin" as const } : {}),
  });
}

export async function removeStaff(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const parsed = z.string().min(1).max(64).safeParse(formData.get("supporterId"));
  if (!parsed.success) back({ error: "not_found" });
  // Only the confirmation step's button says so: anything else posting here is asked first.
  if (formData.get("confirmed") !== "yes") back({ remove: parsed.data });
  try {
    await revokeStaff(db, admin.id, parsed.data);
  } catch (error) {
    // revokeStaff refuses two things: removing yourself (invalid_input) and someone who is not staff.
    if (isAppError(error)) back({ error: error.code === "not_found" ? "not_found" : "self" });
    throw error;
  }
  revalidatePath("/dashboard/staff");
  back({ removed: parsed.data });
}
