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

/** Where the staff page's actions send the admin back to, built from APP_URL. */
export function staffPageUrl(
  appUrl: string,
  params: { error?: StaffErrorCode; added?: string } = {},
): string {
  const url = new URL("/dashboard/staff", appUrl);
  if (params.error) url.searchParams.set("error", params.error);
  if (params.added) url.searchParams.set("added", params.added);
  return url.toString();
}
