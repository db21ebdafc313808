import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { adminUrl } from "@/test/db/test-database";

const WORKER = fileURLToPath(new URL("./webhook-worker.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Runs scripts/bench/webhook-worker.ts in its own process (see there why) against PostgreSQL at `databaseAdminUrl`,
 * where it creates and drops its databases; resolves to its result. Its log is shown only if it fails.
 */
export function runWebhookWorker<T>(
  mode: "ingestion" | "storm",
  databaseAdminUrl: string = adminUrl(),
  options: object = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", WORKER, mode, JSON.stringify(options)],
      {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          TEST_DATABASE_ADMIN_URL: databaseAdminUrl,
          NEXT_TELEMETRY_DISABLED: "1",
        },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on(
      "data",
      (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)),
    );
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
      if (code === 0 && line) return resolve(JSON.parse(line.slice("BENCH_RESULT ".length)) as T);
      reject(new Error(`webhook bench (${mode}) exited with ${code}:\n${stderr.slice(-4000)}`));
    });
  });
}
