import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors/app-error";
import { bumpSessionVersion } from "./session-version";

export const staffEmail = z
  .email("Enter a valid email address.")
  .transform((e) => e.trim().toLowerCase());

/**
 * Admins invite staff by address: the person becomes (or is created as) a STAFF supporter and signs in by link.
 * A change of role ends the person's sessions (they sign in again with the new one).
 */
export async function grantStaff(db: Db, email: string): Promise<void> {
  const existing = await db.supporter.findUnique({ where: { email }, select: { role: true } });
  if (existing?.role === "ADMIN") return; // never demote an admin by inviting them
  if (existing?.role === "STAFF") return;
  await db.supporter.upsert({
    where: { email },
    create: { email, role: "STAFF" },
    update: { role: "STAFF", ...bumpSessionVersion },
  });
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

export function listStaff(db: Db) {
  return db.supporter.findMany({
    where: { role: { in: ["STAFF", "ADMIN"] } },
    orderBy: { email: "asc" },
    select: { id: true, email: true, role: true },
  });
}
