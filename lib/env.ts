import { z } from "zod";
import { CAPTCHA_PROVIDERS, PROVIDERS, type CaptchaProvider } from "./captcha/providers";
import { loadDemoSecrets, type DemoSecrets } from "./demo-secrets";
import { CURRENCIES } from "./rules/currencies";
import { isLoopbackHost } from "./security/loopback";
import { parseTrustProxy, type TrustProxy } from "./security/trust-proxy";

/**
 * Typed configuration: the only reader of process.env in the app. It also decides, once, the app's mode:
 *
 * - `demo`: APP_URL is a loopback address (the quick start), or the operator said DEMO_MODE=1. No real
 *   payments: Stripe calls go to the built-in emulator unless a test key is set, mail without EMAIL_SERVER is
 *   kept for /dev/mailbox, missing secrets are the install's generated ones (lib/demo-secrets, .data/), and
 *   every page says so in a banner.
 * - `live`: anything else. Every secret must be set (none comes from the source or from .data/), else the app
 *   refuses to start and names each missing variable.
 *
 * With no DATABASE_URL the app uses an embedded PGlite database under PGLITE_DIR, in either mode.
 */
export type Mode = "demo" | "live";

const SECRET_HINT = "at least 32 characters (e.g. `openssl rand -base64 32`)";

/** What live mode needs, and where to get it: each missing one is named at start-up. */
const LIVE_REQUIRED = {
  STRIPE_SECRET_KEY: "your Stripe secret key (sk_live_… or sk_test_…)",
  STRIPE_WEBHOOK_SECRET:
    "the signing secret (whsec_…) of the webhook endpoint in Stripe's dashboard",
  ASK_COOKIE_SECRET: `signs readers' ask cookies: ${SECRET_HINT}`,
  NEXTAUTH_SECRET: `signs sign-in sessions: ${SECRET_HINT}`,
  EMAIL_SERVER: "SMTP URL for sign-in mail (smtp://user:pass@host:587)",
} as const;

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    APP_URL: z.url().default("http://localhost:3000"),
    // 1: demo mode on a non-loopback APP_URL (a shared demo server); 0: live mode even on loopback.
    DEMO_MODE: z.enum(["0", "1"], { error: "must be 1 (demo) or 0 (live)" }).optional(),
    DATABASE_URL: z.string().min(1).optional(),
    PGLITE_DIR: z.string().min(1).default(".data/pglite"),
    STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
    STRIPE_EMULATOR_URL: z.url().default("http://127.0.0.1:12111"),
    PUBLICATION_NAME: z.string().min(1).default("The Independent Ledger"),
    // The built-in ask's first currency (it is added to USD, EUR and GBP); a published ask sets its own.
    DEFAULT_CURRENCY: z.enum(CURRENCIES).default("USD"),
    ASK_COOKIE_SECRET: z.string().min(32, `must be ${SECRET_HINT}`).optional(),
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
    CAPTCHA_PROVIDER: z
      .enum(["off", ...CAPTCHA_PROVIDERS], { error: "must be off, turnstile or hcaptcha" })
      .default("off"),
    CAPTCHA_SITE_KEY: z.string().trim().min(1).optional(),
    CAPTCHA_SECRET_KEY: z.string().trim().min(1).optional(),
    // Where tokens are verified; the provider's siteverify unless set (tests, a self-hosted proxy).
    CAPTCHA_VERIFY_URL: z.url({ protocol: /^https?$/ }).optional(),
    // Tests only: lets a cookie set the server's clock for the ask. Demo mode only.
    ENABLE_TEST_CLOCK: z.enum(["0", "1"]).default("0"),
    // Sign-in (next-auth). Unset EMAIL_SERVER (demo mode only): mail is captured and shown at /dev/mailbox.
    NEXTAUTH_SECRET: z.string().min(32, `must be ${SECRET_HINT}`).optional(),
    EMAIL_SERVER: z.url().optional(),
    EMAIL_FROM: z.string().min(3).optional(),
    // Addresses that become admins when they sign in (comma-separated).
    ADMIN_EMAILS: z.string().default(""),
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    const mode = decideMode(env);
    if (mode === "live") {
      for (const [key, what] of Object.entries(LIVE_REQUIRED) as Array<
        [keyof typeof LIVE_REQUIRED, string]
      >) {
        if (!env[key])
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `is required in live mode: ${what}`,
          });
      }
      if (env.ENABLE_TEST_CLOCK === "1") {
        ctx.addIssue({
          code: "custom",
          path: ["ENABLE_TEST_CLOCK"],
          message: "is for tests only and must not be set in live mode",
        });
      }
    } else {
      if (env.STRIPE_SECRET_KEY?.startsWith("sk_live_")) {
        ctx.addIssue({
          code: "custom",
          path: ["STRIPE_SECRET_KEY"],
          message:
            "is a live key, and demo mode takes no real payments: set APP_URL to your public https address (and unset DEMO_MODE), or use a test key",
        });
      }
      // A real Stripe test account signs its webhooks with its own endpoint's secret, not the generated one.
      if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
        ctx.addIssue({
          code: "custom",
          path: ["STRIPE_WEBHOOK_SECRET"],
          message:
            "is required when STRIPE_SECRET_KEY is set (copy it from the webhook endpoint in Stripe's dashboard)",
        });
      }
      if (env.STRIPE_SECRET_KEY && env.ENABLE_TEST_CLOCK === "1") {
        ctx.addIssue({
          code: "custom",
          path: ["ENABLE_TEST_CLOCK"],
          message: "must not be set with a real Stripe key",
        });
      }
    }
    if (env.CAPTCHA_PROVIDER !== "off") {
      for (const key of ["CAPTCHA_SITE_KEY", "CAPTCHA_SECRET_KEY"] as const) {
        if (!env[key]) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `is required when CAPTCHA_PROVIDER is ${env.CAPTCHA_PROVIDER} (copy it from the provider's dashboard)`,
          });
        }
      }
    }
    if (Boolean(env.GOOGLE_CLIENT_ID) !== Boolean(env.GOOGLE_CLIENT_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: ["GOOGLE_CLIENT_SECRET"],
        message: "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET go together",
      });
    }
  });

type Parsed = z.infer<typeof schema>;

/** Demo when the operator says so, or when APP_URL is on this machine; live otherwise. */
function decideMode(env: { APP_URL: string; DEMO_MODE?: "0" | "1" }): Mode {
  if (env.DEMO_MODE) return env.DEMO_MODE === "1" ? "demo" : "live";
  return isLoopbackHost(new URL(env.APP_URL).hostname) ? "demo" : "live";
}

export type Env = Parsed & {
  /** Decided once, here: see the top of this file. */
  mode: Mode;
  /** True when Stripe calls go to the built-in emulator (demo mode without a Stripe key). */
  stripeEmulated: boolean;
  webhookSecret: string;
  cookieSecret: string;
  embedOrigins: "*" | string[];
  authSecret: string;
  /** True when mail is stored for /dev/mailbox instead of sent (demo mode without EMAIL_SERVER). */
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

/**
 * `demoSecrets` is asked only in demo mode, and only when a secret is not set: by default the install's
 * generated ones, read (or made) once, since env() caches its answer.
 */
export function parseEnv(
  source: NodeJS.ProcessEnv,
  demoSecrets: () => DemoSecrets = loadDemoSecrets,
): Env {
  const result = schema.safeParse(emptyToUndefined(source));
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration (${describeMode(source)}):\n${lines.join("\n")}`);
  }
  const env = result.data;
  const mode = decideMode(env);
  const generated =
    mode === "demo" && !(env.STRIPE_WEBHOOK_SECRET && env.ASK_COOKIE_SECRET && env.NEXTAUTH_SECRET)
      ? demoSecrets()
      : null;
  // In live mode the schema has made sure each of these is set.
  const secret = (key: keyof DemoSecrets): string => env[key] ?? generated![key];
  return {
    ...env,
    mode,
    stripeEmulated: mode === "demo" && !env.STRIPE_SECRET_KEY,
    webhookSecret: secret("STRIPE_WEBHOOK_SECRET"),
    cookieSecret: secret("ASK_COOKIE_SECRET"),
    embedOrigins:
      env.ASK_EMBED_ORIGINS.trim() === "*"
        ? "*"
        : env.ASK_EMBED_ORIGINS.split(",")
            .map((o) => o.trim())
            .filter(Boolean),
    authSecret: secret("NEXTAUTH_SECRET"),
    mailCaptured: mode === "demo" && !env.EMAIL_SERVER,
    emailFrom: env.EMAIL_FROM ?? `${env.PUBLICATION_NAME} <no-reply@localhost>`,
    adminEmails: env.ADMIN_EMAILS.split(",")
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
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

/** Which mode, and why, for the message of a configuration that does not parse. */
function describeMode(source: NodeJS.ProcessEnv): string {
  if (source.DEMO_MODE === "1") return "demo mode: DEMO_MODE=1";
  if (source.DEMO_MODE === "0") return "live mode: DEMO_MODE=0";
  try {
    if (decideMode({ APP_URL: source.APP_URL || "http://localhost:3000" }) === "demo")
      return "demo mode: APP_URL is a loopback address";
  } catch {
    // an APP_URL that is not a URL is among the issues listed
  }
  return "live mode: APP_URL is not a loopback address; set DEMO_MODE=1 only for a demo that takes no real payments";
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Tests only (the app never calls it): sets the given variables in process.env (undefined removes one) and
 * forgets the parsed configuration, so the next env() parses process.env again. A test picks its configuration
 * with it at any time, after the app's modules are imported; the modules that configure themselves from env()
 * (the database, the Stripe client, the rate-limit store) do so on first use, so they must not have been used yet.
 */
export function setEnvForTests(overrides: Record<string, string | undefined> = {}): void {
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  cached = undefined;
}

/** For start-up (scripts, the server's instrumentation): an invalid configuration ends the process with its message. */
export function envOrExit(): Env {
  try {
    return env();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
