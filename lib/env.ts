import { z } from "zod";
import { CAPTCHA_PROVIDERS, PROVIDERS, type CaptchaProvider } from "./captcha/providers";
import { parseTrustProxy, type TrustProxy } from "./security/trust-proxy";

/**
 * Typed configuration: the only reader of process.env in the app.
 * With no STRIPE_SECRET_KEY the app talks to the built-in Stripe emulator; with no DATABASE_URL it uses
 * an embedded PGlite database under PGLITE_DIR.
 */

// Used only with the emulator, which is never loaded when a real key is set.
export const EMULATOR_WEBHOOK_SECRET = "whsec_local_emulator_not_a_secret";
// Signs the ask's cookies in the quick start; a real deployment (real Stripe key) must set its own.
const DEMO_COOKIE_SECRET = "demo-only-cookie-secret-change-me-in-production";
// Signs sign-in sessions in the quick start; a real deployment (real Stripe key) must set NEXTAUTH_SECRET.
const DEMO_AUTH_SECRET = "demo-only-auth-secret-change-me-in-production";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    APP_URL: z.url().default("http://localhost:3000"),
    DATABASE_URL: z.string().min(1).optional(),
    PGLITE_DIR: z.string().min(1).default(".data/pglite"),
    STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
    STRIPE_EMULATOR_URL: z.url().default("http://127.0.0.1:12111"),
    PUBLICATION_NAME: z.string().min(1).default("The Independent Ledger"),
    DEFAULT_CURRENCY: z.enum(["USD", "EUR", "GBP"]).default("USD"),
    ASK_COOKIE_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
    ASK_MAX_IMPRESSIONS: z.coerce.number().int().min(1).max(1000).default(5),
    // Origins allowed to embed the ask (comma-separated), or * for any.
    ASK_EMBED_ORIGINS: z.string().default("*"),
    // Abuse defence: limits shared by every app instance (Redis when REDIS_URL is set, else PostgreSQL).
    REDIS_URL: z.url().optional(),
    RATE_LIMIT_CHECKOUT_PER_IP: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_CHECKOUT_PER_READER: z.coerce.number().int().min(1).default(5),
    RATE_LIMIT_FORMS_PER_IP: z.coerce.number().int().min(1).default(30),
    // Mail we send because someone typed an address: sign-in links, and reminder confirmations.
    RATE_LIMIT_SIGNIN_PER_EMAIL: z.coerce.number().int().min(1).default(5),
    RATE_LIMIT_SIGNIN_PER_IP: z.coerce.number().int().min(1).default(20),
    RATE_LIMIT_REMINDER_PER_EMAIL: z.coerce.number().int().min(1).default(3),
    RATE_LIMIT_REMINDER_PER_IP: z.coerce.number().int().min(1).default(10),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
    // Card-testing circuit breaker: checkouts created per minute by everyone together (0 turns it off).
    RATE_LIMIT_CHECKOUT_GLOBAL_PER_MINUTE: z.coerce.number().int().min(0).default(60),
    // The ask's beacons (impressions and continues), per browser and per address, per window.
    RATE_LIMIT_BEACONS_PER_READER: z.coerce.number().int().min(1).default(60),
    RATE_LIMIT_BEACONS_PER_IP: z.coerce.number().int().min(1).default(600),
    // Which proxies in front of the app may tell us the client's address (X-Forwarded-For): unset trusts none
    // (the socket's address); a number of hops; or a comma list of addresses, ranges or loopback/linklocal/uniquelocal.
    TRUST_PROXY: z
      .string()
      .trim()
      .default("")
      .refine((value) => {
        try {
          parseTrustProxy(value);
          return true;
        } catch {
          return false;
        }
      }, "must be a number of proxy hops, or a comma list of addresses, CIDR ranges, loopback, linklocal or uniquelocal"),
    // A CAPTCHA on checkout creation (card-testing defence). Off in the quick start.
    CAPTCHA_PROVIDER: z.enum(["off", ...CAPTCHA_PROVIDERS], { error: "must be off, turnstile or hcaptcha" }).default("off"),
    CAPTCHA_SITE_KEY: z.string().trim().min(1).optional(),
    CAPTCHA_SECRET_KEY: z.string().trim().min(1).optional(),
    // Where tokens are verified; the provider's siteverify unless set (tests, a self-hosted proxy).
    CAPTCHA_VERIFY_URL: z.url({ protocol: /^https?$/ }).optional(),
    // Tests only: lets a cookie set the server's clock for the ask. Refused with a real Stripe key.
    ENABLE_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
    // Sign-in (next-auth). Unset EMAIL_SERVER: mail is captured in the database and shown at /dev/mailbox.
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
    EMAIL_SERVER: z.url().optional(),
    EMAIL_FROM: z.string().min(3).optional(),
    // Addresses that become admins when they sign in (comma-separated).
    ADMIN_EMAILS: z.string().default(""),
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "is required when STRIPE_SECRET_KEY is set (copy it from the webhook endpoint in Stripe's dashboard)",
      });
    }
    if (env.STRIPE_SECRET_KEY && !env.ASK_COOKIE_SECRET) {
      ctx.addIssue({ code: "custom", path: ["ASK_COOKIE_SECRET"], message: "is required when STRIPE_SECRET_KEY is set" });
    }
    if (env.STRIPE_SECRET_KEY && env.ENABLE_TEST_CLOCK === "1") {
      ctx.addIssue({ code: "custom", path: ["ENABLE_TEST_CLOCK"], message: "must not be set with a real Stripe key" });
    }
    if (env.STRIPE_SECRET_KEY && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required when STRIPE_SECRET_KEY is set" });
    }
    // Captured mail (magic links readable at /dev/mailbox) is for the emulator's test mode only.
    if (env.STRIPE_SECRET_KEY && !env.EMAIL_SERVER) {
      ctx.addIssue({ code: "custom", path: ["EMAIL_SERVER"], message: "is required when STRIPE_SECRET_KEY is set (smtp://user:pass@host:587)" });
    }
    if (env.CAPTCHA_PROVIDER !== "off") {
      for (const key of ["CAPTCHA_SITE_KEY", "CAPTCHA_SECRET_KEY"] as const) {
        if (!env[key]) {
          ctx.addIssue({ code: "custom", path: [key], message: `is required when CAPTCHA_PROVIDER is ${env.CAPTCHA_PROVIDER} (copy it from the provider's dashboard)` });
        }
      }
    }
    if (Boolean(env.GOOGLE_CLIENT_ID) !== Boolean(env.GOOGLE_CLIENT_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["GOOGLE_CLIENT_SECRET"], message: "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET go together" });
    }
  });

export type Env = z.infer<typeof schema> & {
  /** True when Stripe calls go to the built-in emulator. */
  stripeEmulated: boolean;
  webhookSecret: string;
  cookieSecret: string;
  embedOrigins: "*" | string[];
  authSecret: string;
  /** True when mail is stored for /dev/mailbox instead of sent (no EMAIL_SERVER, emulator mode only). */
  mailCaptured: boolean;
  emailFrom: string;
  adminEmails: string[];
  /** The CAPTCHA on checkout creation, or null when CAPTCHA_PROVIDER is off. */
  captcha: CaptchaSettings | null;
  /** Which proxies' X-Forwarded-For entries we believe (TRUST_PROXY). */
  trustProxy: TrustProxy;
};

export type CaptchaSettings = {
  provider: CaptchaProvider;
  siteKey: string;
  secretKey: string;
  verifyUrl: string;
  /** APP_URL's hostname, which the provider reports back for a token solved on our pages. */
  expectedHostname: string;
};

function emptyToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(emptyToUndefined(source));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    stripeEmulated: !env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET ?? EMULATOR_WEBHOOK_SECRET,
    cookieSecret: env.ASK_COOKIE_SECRET ?? DEMO_COOKIE_SECRET,
    embedOrigins: env.ASK_EMBED_ORIGINS.trim() === "*" ? "*" : env.ASK_EMBED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean),
    authSecret: env.NEXTAUTH_SECRET ?? DEMO_AUTH_SECRET,
    mailCaptured: !env.EMAIL_SERVER,
    emailFrom: env.EMAIL_FROM ?? `${env.PUBLICATION_NAME} <no-reply@localhost>`,
    adminEmails: env.ADMIN_EMAILS.split(",").map((e) => e.trim().toLowerCase()).filter(Boolean),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    captcha:
      env.CAPTCHA_PROVIDER === "off"
        ? null
        : {
            provider: env.CAPTCHA_PROVIDER,
            siteKey: env.CAPTCHA_SITE_KEY!,
            secretKey: env.CAPTCHA_SECRET_KEY!,
            verifyUrl: env.CAPTCHA_VERIFY_URL ?? PROVIDERS[env.CAPTCHA_PROVIDER].verifyUrl,
            expectedHostname: new URL(env.APP_URL).hostname,
          },
  };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
