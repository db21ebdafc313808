import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { bumpSessionVersion } from "./session-version";

export const staffEmail = z
  .email("Enter a valid email address.")
  .transform((e) => e.trim().toLowerCase());

/**
 * What inviting an address did: it became staff, or it already had dashboard access (staff, or an admin, who is
 * never demoted by an invitation) and nothing changed. The page says which.
 */
export type GrantOutcome = "added" | "already_staff" | "already_admin";

/**
 * Admins invite staff by address: the person becomes (or is created as) a STAFF supporter and signs in by link.
 * A change of role ends the person's sessions (they sign in again with the new one).
 */
export async function grantStaff(db: Db, email: string): Promise<GrantOutcome> {
  const existing = await db.supporter.findUnique({ where: { email }, select: { role: true } });
  if (existing?.role === "ADMIN") return "already_admin";
  if (existing?.role === "STAFF") return "already_staff";
  await db.supporter.upsert({
    where: { email },
    create: { email, role: "STAFF" },
    update: { role: "STAFF", ...bumpSessionVersion },
  });
  return "added";
}

/** Back to a reader. Admins cannot remove themselves (someone must be able to manage staff). */
export async function revokeStaff(db: Db, actorId: string, supporterId: string): Promise<void> {
  if (actorId === supporterId) throw new AppError("invalid_input", "You cannot remove yourself.");
  const { count } = await db.supporter.updateMany({
    where: { id: supporterId, role: "STAFF" },
    data: { role: "READER", ...bumpSessionVersion },
  });
  if (count === 0) throw new AppError("not_found", "No such staff member.");
}

/** The address of someone who is a reader now (after a removal, for the page's notice); null for staff or no one. */
export async function readerEmail(db: Db, supporterId: string): Promise<string | null> {
  const s = await db.supporter.findFirst({
    where: { id: supporterId, role: "READER" },
    select: { email: true },
  });
  return s?.email ?? null;
}

export function listStaff(db: Db) {
  return db.supporter.findMany({
    where: { role: { in: ["STAFF", "ADMIN"] } },
    orderBy: { email: "asc" },
    select: { id: true, email: true, role: true },
  });
}
