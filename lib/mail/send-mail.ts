import { createTransport, type Transporter } from "nodemailer";
import { db } from "../db";
import { env } from "../env";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
};

let transport: Transporter | undefined;

/**
 * Sends a mail through EMAIL_SERVER (SMTP). Without one (the emulator's test mode only, see lib/env.ts) the
 * mail is stored in CapturedMail and shown at /dev/mailbox, so sign-in works with no mail account.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const config = env();
  if (config.mailCaptured) {
    await db.capturedMail.create({
      data: { to: mail.to.toLowerCase(), subject: mail.subject, text: mail.text, html: mail.html },
    });
    return;
  }
  transport ??= createTransport(config.EMAIL_SERVER);
  await transport.sendMail({ from: config.emailFrom, ...mail });
}
