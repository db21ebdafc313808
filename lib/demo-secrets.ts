import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The secrets of a demo install (see lib/env.ts's mode): random, made once per install and kept in
 * .data/secrets.json (git-ignored, readable by its owner only), never taken from the source. Every script
 * (start, migrate, seed, the emulator) and a hand-run `next start` reach them through lib/env, which reads this
 * file once per process; `npm start` also hands them to its children in their environment.
 */
export const DEMO_SECRETS_FILE = path.join(".data", "secrets.json");

const demoSecrets = z.object({
  NEXTAUTH_SECRET: z.string().min(32),
  ASK_COOKIE_SECRET: z.string().min(32),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_"),
});

export type DemoSecrets = z.infer<typeof demoSecrets>;

/** Fresh random secrets (also what the test runners use, one set per run). */
export function generateSecrets(): DemoSecrets {
  return {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    ASK_COOKIE_SECRET: randomBytes(32).toString("base64url"),
    STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("hex")}`,
  };
}

function read(file: string): DemoSecrets | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const parsed = demoSecrets.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`${file} is not a valid secrets file: delete it and a new one is made.`);
  return parsed.data;
}

/**
 * The install's secrets, made on first use. Two processes starting at once both end up with the file the first
 * one wrote: it is written whole under a temporary name and then linked into place, which fails for the loser
 * (EEXIST), who reads the winner's.
 */
export function loadDemoSecrets(file: string = DEMO_SECRETS_FILE): DemoSecrets {
  const existing = read(file);
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  const fresh = generateSecrets();
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temporary, `${JSON.stringify(fresh, null, 2)}\n`, { flag: "wx", mode: 0o600 });
  try {
    linkSync(temporary, file);
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return read(file)!;
  } finally {
    rmSync(temporary, { force: true });
  }
}
