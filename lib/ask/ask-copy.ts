/** The ask's words. One place, so a newsroom can change them without touching components. */
export const ASK_COPY = {
  heading: (publication: string) => `A Message from ${publication}`,
  renewHeading: (publication: string) => `Renew your support for ${publication}`,
  renewAppeal: [
    "Your membership has ended. Thank you for everything you gave: it paid for reporting that would not exist otherwise.",
    "If you can, please renew today and keep our journalism free for everyone.",
  ],
  thanks: (publication: string) =>
    `Thank you for supporting ${publication}. Your membership keeps our journalism free for everyone.`,
  remindLater: { prompt: "Not ready to support today?", action: "Remind me later" },
  appeal: [
    "Dear readers,",
    "Independent journalism costs money to produce and we keep it free to read for everyone. We answer to our readers, not to owners or advertisers.",
    "If you value what we do, please support us today. Every contribution, however big or small, keeps our reporting going.",
  ],
  secureNote: "Payments are processed securely by Stripe. We never see your card details.",
} as const;
