import type { Role } from "../../generated/prisma/enums";

const RANK: Record<Role, number> = { READER: 0, STAFF: 1, ADMIN: 2 };

/** Staff pages admit STAFF and ADMIN; admin pages ADMIN only. */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
