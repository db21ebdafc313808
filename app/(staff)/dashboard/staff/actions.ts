"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/require";
import { grantStaff, revokeStaff, staffEmail } from "@/lib/auth/staff-members";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors/app-error";

export async function inviteStaff(formData: FormData): Promise<void> {
  await requireAdmin();
  const parsed = staffEmail.safeParse(formData.get("email"));
  if (!parsed.success) redirect(`/dashboard/staff?error=${encodeURIComponent(parsed.error.issues[0]!.message)}`);
  await grantStaff(db, parsed.data);
  revalidatePath("/dashboard/staff");
  redirect(`/dashboard/staff?added=${encodeURIComponent(parsed.data)}`);
}

export async function removeStaff(formData: FormData): Promise<void> {
  const admin = await requireAdmin();
  const parsed = z.string().min(1).max(64).safeParse(formData.get("supporterId"));
  if (!parsed.success) redirect("/dashboard/staff?error=No%20such%20staff%20member.");
  try {
    await revokeStaff(db, admin.id, parsed.data);
  } catch (error) {
    if (isAppError(error)) redirect(`/dashboard/staff?error=${encodeURIComponent(error.message)}`);
    throw error;
  }
  revalidatePath("/dashboard/staff");
  redirect("/dashboard/staff");
}
