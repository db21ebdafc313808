import { z } from "zod";

/**
 * Typed configuration: the only reader of process.env in the app.
 * With no STRIPE_SECRET_KEY the app talks to the built-in Stripe emulator; with no DATABASE_URL it uses
 * an embedded PGlite database under PGLITE_DIR.
 */

// Used only with the emulator, which is never loaded when a real key is set.
export const EMULATOR_WEBHOOK_SECRET = "whsec_local_emulator_not_a_secret";

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
  })
  .superRefine((env, ctx) => {
    if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message: "is required when STRIPE_SECRET_KEY is set (copy it from the webhook endpoint in Stripe's dashboard)",
      });
    }
  });

export type Env = z.infer<typeof schema> & {
  /** True when Stripe calls go to the built-in emulator. */
  stripeEmulated: boolean;
  webhookSecret: string;
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
  };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
