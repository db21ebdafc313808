import { getServerSession } from "next-auth";
import { cache } from "react";
import type { Role } from "../../generated/prisma/enums";
import { db } from "../db";
import { authOptions } from "./options";
import { isCurrentSession } from "./session-version";

export type SignedInUser = { id: string; email: string; name: string | null; role: Role };

/**
 * Who is asking, for this request. The JWT says who signed in; the role is read from the database so that
 * removing someone's staff role takes effect at once, not when their token expires, and a token issued before
 * the supporter signed out (or changed role) no longer counts (lib/auth/session-version).
 */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const row = await db.supporter.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, sessionVersion: true },
  });
  if (!row?.email || !isCurrentSession(session.user.sessionVersion, row.sessionVersion))
    return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
});
