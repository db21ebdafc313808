import { redirect } from "next/navigation";
import type { Role } from "../../generated/prisma/enums";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { hasRole } from "./roles";
import { currentUser, type SignedInUser } from "./session";

/**
 * Every staff page, route handler and server action calls one of these itself (a proxy alone is not a
 * check). Pages and actions redirect: signed out → sign-in, signed in without the role → /signin?error=StaffOnly.
 * API routes use the *Api variants, which throw AppError (401/403) for lib/http/respond to map.
 */
async function requirePage(role: Role, returnTo: string): Promise<SignedInUser> {
  const user = await currentUser();
  const signIn = new URL("/signin", env().APP_URL); // every redirect is built from APP_URL
  if (!user) {
    signIn.searchParams.set("callbackUrl", returnTo);
    redirect(signIn.toString());
  }
  if (!hasRole(user.role, role)) {
    signIn.searchParams.set("error", role === "ADMIN" ? "AdminOnly" : "StaffOnly");
    redirect(signIn.toString());
  }
  return user;
}

export const requireReader = (returnTo = "/account") => requirePage("READER", returnTo);
export const requireStaff = (returnTo = "/dashboard") => requirePage("STAFF", returnTo);
export const requireAdmin = (returnTo = "/dashboard/staff") => requirePage("ADMIN", returnTo);

async function requireApi(role: Role): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized", "Sign in first.");
  if (!hasRole(user.role, role)) throw new AppError("forbidden", "Staff only.");
  return user;
}

export const requireStaffApi = () => requireApi("STAFF");
export const requireReaderApi = () => requireApi("READER");
