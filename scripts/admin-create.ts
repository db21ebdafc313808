import "./lib/load-env";
import { z } from "zod";
import { closeDb, db } from "../lib/db";
import { bumpSessionVersion } from "../lib/auth/session-version";
import { runCli } from "./db/cli";

// `npm run admin:create -- <email>`: makes (or promotes) an admin, who then signs in with a magic link.
runCli(async () => {
  const parsed = z.email().safeParse(process.argv[2]?.trim().toLowerCase());
  if (!parsed.success || process.argv.length > 3)
    throw new Error("usage: npm run admin:create -- <email>");
  const email = parsed.data;
  try {
    const existing = await db.supporter.findUnique({ where: { email }, select: { role: true } });
    // A change of role ends the person's sessions (lib/auth/session-version).
    const admin = await db.supporter.upsert({
      where: { email },
      create: { email, role: "ADMIN" },
      update: existing?.role === "ADMIN" ? {} : { role: "ADMIN", ...bumpSessionVersion },
    });
    console.log(`${admin.email} is an admin. Sign in at /signin with that address.`);
  } finally {
    await closeDb();
  }
});
