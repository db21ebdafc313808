import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { createTestDatabase } from "../../db/test-database";
import { startWebhookPipeline } from "./test-pipeline";

/**
 * The two sides a storm test compares: the app's webhook pipeline on one fresh database, its events recorded
 * and never delivered by the emulator (the test is the delivery), reached at the URL `route` makes of the
 * database's (the database's own by default); and a plain client on a second fresh database, where the same
 * events are applied once, in order, as the reference.
 */
export async function startStormSides(
  route: (databaseUrl: string) => Promise<string> | string = (url) => url,
) {
  const [appDb, referenceDb] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  const pipeline = await startWebhookPipeline({
    databaseUrl: await route(appDb.url),
    deliver: false,
  });
  const reference = new PrismaClient({
    adapter: new PrismaPg({ connectionString: referenceDb.url }),
  });
  return {
    appDb,
    referenceDb,
    pipeline,
    reference,
    app: { db: pipeline.db, stripe: pipeline.stripe() },
    /** Stops the pipeline, closes the reference's client and drops both databases. */
    async close(): Promise<void> {
      await pipeline.close();
      await reference.$disconnect();
      await Promise.all([appDb.drop(), referenceDb.drop()]);
    },
  };
}

export type StormSides = Awaited<ReturnType<typeof startStormSides>>;
