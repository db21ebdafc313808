/**
 * What /dashboard/staff says after an action: the query carries a code, and only these fixed words are ever
 * shown, so a link cannot put its own text ("call this number…") on a staff page.
 */
export const STAFF_ERRORS = {
  invalid_email: "Enter a valid email address.",
  self: "You cannot remove yourself.",
  not_found: "No such staff member.",
} as const;

export type StaffErrorCode = keyof typeof STAFF_ERRORS;

export function staffError(code: unknown): string | null {
  return typeof code === "string" && Object.hasOwn(STAFF_ERRORS, code)
    ? STAFF_ERRORS[code as StaffErrorCode]
    : null;
}

export type StaffPageParams = {
  error?: StaffErrorCode;
  /** An address just invited, and whether it had dashboard access already ("staff" or "admin"). */
  added?: string;
  already?: "staff" | "admin";
  /** The supporter id of someone just removed. */
  removed?: string;
  /** The supporter id of someone to remove: the page asks to confirm first. */
  remove?: string;
};

/** Where the staff page's actions send the admin back to, built from APP_URL. */
export function staffPageUrl(appUrl: string, params: StaffPageParams = {}): string {
  const url = new URL("/dashboard/staff", appUrl);
  for (const key of ["error", "added", "already", "removed", "remove"] as const) {
    const value = params[key];
    if (value) url.searchParams.set(key, value);
  }
  return url.toString();
}

/**
 * What the page says after an invitation: "can now sign in" only for an address that could not use the
 * dashboard before. `member` is the invited address as the staff list holds it (so the query cannot name
 * anyone else); nothing when it is not on the list.
 */
export function invitedNotice(
  member: { email: string | null; role: string } | undefined,
  already: unknown,
): string | null {
  if (!member?.email) return null;
  if (already === "admin" || (already === "staff" && member.role === "ADMIN"))
    return `${member.email} is an admin already: nothing changed.`;
  if (already === "staff") return `${member.email} is already staff: nothing changed.`;
  return `${member.email} can now sign in to the dashboard at /signin.`;
}
