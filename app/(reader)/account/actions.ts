"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { createPortalSession } from "@/lib/account/portal";
import { requireReader } from "@/lib/auth/require";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors/app-error";
import { stripe } from "@/lib/stripe/client";

const input = z.object({ membershipId: z.string().min(1).max(64) });

/** "Manage": opens Stripe's portal for the signed-in reader's own membership. */
export async function openPortal(formData: FormData): Promise<void> {
  const user = await requireReader();
  const parsed = input.safeParse({ membershipId: formData.get("membershipId") });
  if (!parsed.success) redirect(new URL("/account?error=not_found", env().APP_URL).toString());
  let url: string;
  try {
    url = await createPortalSession(
      { db, stripe: stripe(), appUrl: env().APP_URL },
      user.id,
      parsed.data.membershipId,
    );
  } catch (error) {
    if (isAppError(error))
      redirect(
        new URL(`/account?error=${error.details?.reason ?? error.code}`, env().APP_URL).toString(),
      );
    throw error;
  }
  redirect(url);
}
