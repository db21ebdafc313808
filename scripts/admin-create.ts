import "./lib/load-env";
import { z } from "zod";
import { closeDb, db } from "../lib/db";
import { runCli } from "./db/cli";

// `npm run admin:create -- <email>`: makes (or promotes) an admin, who then signs in with a magic link.
runCli(async () => {
  const parsed = z.email().safeParse(process.argv[2]?.trim().toLowerCase());
  if (!parsed.success || process.argv.length > 3) throw new Error("usage: npm run admin:create -- <email>");
  const email = parsed.data;
  try {
    const admin = await db.supporter.upsert({ where: { email }, create: { email, role: "ADMIN" }, update: { role: "ADMIN" } });
    console.log(`${admin.email} is an admin. Sign in at /signin with that address.`);
  } finally {
    await closeDb();
  }
});
