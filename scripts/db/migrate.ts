import "../lib/load-env";
import {
  applyMigrations,
  defaultMigrationTarget,
  redactUrl,
  type MigrationTarget,
} from "@/lib/db/migrations";
import { describeError, runCli } from "./cli";

// `npm run db:migrate`: brings the database the app uses (DATABASE_URL, else the embedded PGlite) up to date.
runCli(async () => {
  const target = defaultMigrationTarget();
  const where = describeTarget(target);
  const applied = await applyMigrations(target).catch((err: unknown) => {
    throw new Error(`migrating ${where} failed: ${describeError(err)}`);
  });
  if (applied.length === 0) {
    console.log(`${where}: already up to date`);
  } else {
    console.log(`${where}: applied ${applied.length} migration(s)`);
    for (const name of applied) console.log(`  ${name}`);
  }
});

function describeTarget(target: MigrationTarget): string {
  if ("url" in target) return redactUrl(target.url);
  return "pgliteDir" in target ? `PGlite at ${target.pgliteDir}` : "PGlite";
}
