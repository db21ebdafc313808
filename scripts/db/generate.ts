import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/**
 * `npm run db:generate` and postinstall: `prisma generate` into generated/prisma, offline.
 * The CLI insists on downloading its native schema engine before any command, even though generate never
 * uses it; naming any existing file as that engine skips the download. Rerunning rewrites the same files.
 * Plain Node APIs only: this runs right after `npm install`, before anything else is set up.
 */

let cli: string;
try {
  cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
} catch {
  console.error("error: the prisma CLI is not installed (it is a devDependency): run npm install");
  process.exit(1);
}
const given = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
let engine: string;
let tempDir: string | undefined;
if (given && existsSync(given)) {
  engine = given;
} else {
  tempDir = mkdtempSync(path.join(os.tmpdir(), "prisma-generate-"));
  engine = path.join(tempDir, "schema-engine-unused");
  writeFileSync(engine, "");
}

try {
  const result = spawnSync(process.execPath, [cli, "generate"], {
    cwd: path.resolve(import.meta.dirname, "../.."),
    encoding: "utf8",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: engine,
      CHECKPOINT_DISABLE: "1", // no telemetry call to a network we do not have
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
    },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    console.error(
      `error: prisma generate failed (${result.error?.message ?? `exit ${result.status}`})`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      "Prisma client generated in generated/prisma, query builder types in generated/kysely",
    );
  }
} finally {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
}
