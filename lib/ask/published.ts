import { db as defaultDb, type Db } from "../db";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { describeError } from "../security/redact";
import { latestPublished, latestVersionNumber, type PublishedSettings } from "./ask-versions";
import { defaultAskSettings } from "./settings";

/**
 * The published ask, as every reader surface reads it: kept in this process and re-checked once
 * CHECK_EVERY_MS has passed, by one cheap query (the newest version's number) that the requests of that moment
 * share: at most one query per interval per instance, never one per view. A version published on any instance
 * therefore reaches every instance's readers within CHECK_EVERY_MS (plus that query); the instance that
 * published it forgets its copy at once (forgetPublishedAsk). If the check fails, readers keep the version
 * they had.
 */
export const CHECK_EVERY_MS = 2000;

type Cached = PublishedSettings & { checkedAt: number };

let cached: Cached | null = null;
let refreshing: Promise<void> | null = null;

async function load(db: Db): Promise<void> {
  const version = await latestVersionNumber(db);
  if (!cached || cached.version !== version) {
    const latest = await latestPublished(db);
    // Before the newsroom publishes anything, the built-in ask (version 0).
    const next = latest ?? { version: 0, settings: defaultAskSettings(env().DEFAULT_CURRENCY) };
    cached = { ...next, checkedAt: Date.now() };
  } else {
    cached.checkedAt = Date.now();
  }
}

export async function publishedAsk(db: Db = defaultDb): Promise<PublishedSettings> {
  if (!cached) {
    try {
      await (refreshing ??= load(db).finally(() => (refreshing = null)));
    } catch (error) {
      console.error(`ask: could not load the published ask: ${describeError(error)}`);
      throw new AppError("retry_later", "The ask could not be loaded just now.", undefined, 5);
    }
    return cached!;
  }
  if (Date.now() - cached.checkedAt >= CHECK_EVERY_MS) {
    // The requests arriving while it runs share this one check (at most one query per interval).
    refreshing ??= load(db)
      .catch((error: unknown) => {
        // Keep serving the version we have; the next interval tries again.
        cached!.checkedAt = Date.now();
        console.error(`ask: could not check for a newer ask: ${describeError(error)}`);
      })
      .finally(() => (refreshing = null));
    await refreshing;
  }
  return cached;
}

/** After publishing here, or in tests: the next read loads the newest version. */
export function forgetPublishedAsk(): void {
  cached = null;
}
