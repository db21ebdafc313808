import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "../../generated/prisma/client";
import { CURRENCIES, FREQUENCIES } from "./amounts";
import { SURFACES, VARIANTS } from "./config";
import { defaultAskSettings, type AskSettings } from "./settings";
import { DEFAULT_CURRENCY } from "../rules/currencies";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { sendMail } from "../mail/send-mail";
import { confirmationMail } from "../reminders/confirm-mail";
import {
  lockAddress,
  makeOnlyPending,
  newConfirmToken,
  verifiedEmailOf,
} from "../reminders/confirmation";
import { consume } from "../security/rate-limit";
import { describeError } from "../security/redact";
import { bufferFunnelStep } from "./funnel-buffer";

/** How many days a choice of the published ask defers by, or null for one it does not offer. */
export function remindLaterDays(
  settings: Pick<AskSettings, "remindLater">,
  choice: string,
): number | null {
  return settings.remindLater.choices.find((c) => c.id === choice)?.days ?? null;
}

/** "Remind me later", from the ask's form (posted without JavaScript) or its script. */
export const remindLaterRequestSchema = z
  .object({
    // One of the published ask's choices (checked against it by the handler).
    choice: z.string({ error: "Choose when we should ask again." }).regex(/^[a-z0-9-]{1,20}$/, {
      error: "Choose when we should ask again.",
    }),
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
      .union([
        z.number(),
        z
          .string()
          .regex(/^\d{1,9}$/)
          .transform(Number),
      ])
      .pipe(z.number().int().min(1).max(100_000_000))
      .optional(),
    returnTo: z.string().max(300).optional(),
  })
  .superRefine((value, ctx) => {
    const consented = value.consent === true || value.consent === "on" || value.consent === "true";
    if (value.email && !consented) {
      ctx.addIssue({
        code: "custom",
        path: ["consent"],
        message: "Tick the box to agree to one reminder email, or leave the email empty.",
      });
    }
  });

export type RemindLaterRequest = z.infer<typeof remindLaterRequestSchema>;

export type RemindLaterOutcome = {
  until: Date;
  /** An email reminder was asked for (with consent). */
  reminder: boolean;
  /** ...and waits for the click in the confirmation mail we sent (the reader's own verified address needs none). */
  confirm: boolean;
};

const LIMITED =
  "We have sent several confirmation emails recently. Please try again later, or leave the email empty.";

/** Confirmation mails are limited per client address and per address asked for; nothing is stored past a limit. */
async function allowConfirmationMail(email: string, clientAddress: string): Promise<void> {
  for (const [name, key] of [
    ["reminder-ip", clientAddress],
    ["reminder-email", email],
  ] as const) {
    const verdict = await consume(name, key);
    if (!verdict.allowed)
      throw new AppError("rate_limited", LIMITED, undefined, verdict.retryAfterSeconds);
  }
}

/**
 * Stores a remind-later (and, with explicit consent, one reminder email) in one transaction and, once committed,
 * counts it in the funnel (buffered: written within about a second). The caller also writes it into the reader's signed cookie. A reminder to the signed-in
 * reader's own verified address is confirmed at once (replacing their pending one); any other address gets a
 * confirmation mail, and the reminder is sent only once its link is clicked (lib/reminders/confirmation.ts).
 * An address that unsubscribed gets no confirmation mail (the answer is the same, so it reveals nothing).
 */
export async function recordRemindLater(
  db: PrismaClient,
  input: RemindLaterRequest & {
    readerKey: string;
    supporterId?: string | null;
    now: Date;
    clientAddress?: string;
    /** The published ask's days for the choice (the handler's); scripts and tests may leave it to the built-in ask. */
    days?: number;
  },
): Promise<RemindLaterOutcome> {
  const days = input.days ?? remindLaterDays(defaultAskSettings(), input.choice);
  if (days === null) throw new AppError("invalid_input", "Choose when we should ask again.");
  const until = new Date(input.now.getTime() + days * 86_400_000);
  const email = input.email ?? null;
  const own = email !== null && (await verifiedEmailOf(db, input.supporterId)) === email;
  const optedOut = email !== null && !own && (await db.emailOptOut.count({ where: { email } })) > 0;
  const mail = email !== null && !own && !optedOut ? newConfirmToken() : null;
  // Without a client address (scripts), every such caller shares one budget.
  if (mail && email) await allowConfirmationMail(email, input.clientAddress ?? "unknown");

  const reminderId = await db.$transaction(async (tx) => {
    const remindLater = await tx.remindLater.create({
      data: {
        readerKey: input.readerKey,
        supporterId: input.supporterId ?? null,
        surface: input.surface,
        until,
        createdAt: input.now,
      },
    });
    let id: string | null = null;
    if (email && (own || mail)) {
      await lockAddress(tx, email);
      // The address's earlier unconfirmed request goes (its link stops working); a confirmed one stays until
      // this one is confirmed, so a stranger's request cannot cancel the owner's.
      await tx.reminder.deleteMany({ where: { email, sentAt: null, confirmedAt: null } });
      const reminder = await tx.reminder.create({
        data: {
          remindLaterId: remindLater.id,
          email,
          frequency: input.frequency ?? "MONTHLY",
          currency: input.currency ?? DEFAULT_CURRENCY,
          amount: input.amount ?? 1000,
          dueAt: until,
          consentAt: input.now,
          unsubscribeToken: randomBytes(24).toString("base64url"),
          confirmedAt: own ? input.now : null,
          confirmTokenHash: mail?.hash ?? null,
        },
      });
      if (own) await makeOnlyPending(tx, email, reminder.id);
      id = reminder.id;
    }
    return id;
  });
  // Counted once the rows are committed, through the funnel's buffer: inside the transaction the upsert held
  // the day's hot counter row locked for the whole transaction, against every other instance's flush.
  bufferFunnelStep("remindLaters", {
    surface: input.surface,
    variant: input.variant,
    at: input.now,
  });

  if (mail && email && reminderId) {
    const config = env();
    try {
      await sendMail(
        confirmationMail({
          to: email,
          publication: config.PUBLICATION_NAME,
          appUrl: config.APP_URL,
          token: mail.token,
          dueAt: until,
        }),
      );
    } catch (error) {
      // No mail, no request: the reader may try again; the remind-later itself stands.
      console.error(`reminder confirmation mail failed: ${describeError(error)}`);
      await db.reminder.deleteMany({ where: { id: reminderId } });
      throw new AppError(
        "retry_later",
        "We could not send the confirmation email just now. Please try again in a few minutes.",
      );
    }
  }
  return { until, reminder: email !== null, confirm: email !== null && !own };
}

/** Where a no-JavaScript post goes: back to the page, or to "check your inbox" when a confirmation mail went out. */
export function remindLaterDoneUrl(appUrl: string, returnTo: string, confirm: boolean): URL {
  if (!confirm) return new URL(returnTo, appUrl);
  const url = new URL("/reminders/check-inbox", appUrl);
  url.searchParams.set("back", returnTo);
  return url;
}
