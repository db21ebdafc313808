import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";
import { CURRENCIES, FREQUENCIES } from "../support/amounts";
import { DEFERRAL_CHOICES, SURFACES, VARIANTS, deferralDays, type DeferralChoice } from "./config";
import { prismaSql } from "../db/sql";
import { countFunnelStep } from "./funnel";

const choiceIds = DEFERRAL_CHOICES.map((c) => c.id) as [DeferralChoice, ...DeferralChoice[]];

/** "Remind me later", from the ask's form (posted without JavaScript) or its script. */
export const deferralRequestSchema = z
  .object({
    choice: z.enum(choiceIds, { error: "Choose when we should ask again." }),
    surface: z.enum(SURFACES).default("article"),
    variant: z.enum(VARIANTS).default("default"),
    email: z
      .string()
      .trim()
      .max(254)
      .optional()
      .transform((e) => (e ? e.toLowerCase() : undefined))
      .pipe(z.email({ error: "Enter a valid email address, or leave it empty." }).optional()),
    consent: z.union([z.literal("on"), z.literal("true"), z.boolean()]).optional(),
    frequency: z.enum(FREQUENCIES).optional(),
    currency: z.enum(CURRENCIES).optional(),
    // Digits (a form) or an integer (JSON); z.coerce alone would take "0x10", "2.5e3", true and ["5"].
    amount: z
      .union([z.number(), z.string().regex(/^\d{1,9}$/).transform(Number)])
      .pipe(z.number().int().min(1).max(100_000_000))
      .optional(),
    returnTo: z.string().max(300).optional(),
  })
  .superRefine((value, ctx) => {
    const consented = value.consent === true || value.consent === "on" || value.consent === "true";
    if (value.email && !consented) {
      ctx.addIssue({ code: "custom", path: ["consent"], message: "Tick the box to agree to one reminder email, or leave the email empty." });
    }
  });

export type DeferralRequest = z.infer<typeof deferralRequestSchema>;

/**
 * Stores a deferral (and, with explicit consent, one reminder email) in one transaction and counts it in the
 * funnel. The caller also writes the deferral into the reader's signed cookie.
 */
export async function recordDeferral(
  db: PrismaClient,
  input: DeferralRequest & { readerKey: string; supporterId?: string | null; now: Date },
): Promise<{ until: Date; reminder: boolean }> {
  const until = new Date(input.now.getTime() + deferralDays(input.choice) * 86_400_000);
  const wantsReminder = Boolean(input.email);
  await db.$transaction(async (tx) => {
    const deferral = await tx.deferral.create({
      data: { readerKey: input.readerKey, supporterId: input.supporterId ?? null, surface: input.surface, until, createdAt: input.now },
    });
    if (wantsReminder && input.email) {
      await tx.reminder.create({
        data: {
          deferralId: deferral.id,
          email: input.email,
          frequency: input.frequency ?? "MONTHLY",
          currency: input.currency ?? "USD",
          amount: input.amount ?? 1000,
          dueAt: until,
          consentAt: input.now,
          unsubscribeToken: randomBytes(24).toString("base64url"),
        },
      });
    }
    await countFunnelStep(prismaSql(tx), "deferrals", { surface: input.surface, variant: input.variant, at: input.now });
  });
  return { until, reminder: wantsReminder };
}
