import { redactUrl } from "@/lib/db/migrations";
import {
  adminUrl,
  createTestDatabase,
  dropTestDatabase,
  isPostgresReachable,
} from "@/test/db/test-database";
import { runCli } from "./cli";

/**
 * For the test runner:
 *   tsx scripts/db/test-database.ts create        prints the URL of a new, migrated database
 *   tsx scripts/db/test-database.ts drop <name|url>
 *   tsx scripts/db/test-database.ts check         exit 0 when PostgreSQL answers at TEST_DATABASE_ADMIN_URL
 */
runCli(async () => {
  const [command, arg] = process.argv.slice(2);
  if (command === "create") {
    const { url } = await createTestDatabase();
    console.log(url);
  } else if (command === "drop" && arg) {
    await dropTestDatabase(arg);
  } else if (command === "check") {
    if (!(await isPostgresReachable()))
      throw new Error(`PostgreSQL is not reachable at ${redactUrl(adminUrl())}`);
    console.log("PostgreSQL is reachable");
  } else {
    throw new Error("usage: test-database.ts create | drop <name|url> | check");
  }
});
