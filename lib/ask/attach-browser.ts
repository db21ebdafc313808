import { getSqlDb } from "../db";
import { env } from "../env";
import type { CookieOptions } from "../http/cookies";
import { linkReaderKey } from "./link-reader";
import {
  encodeReaderState,
  FIRST_PARTY_COOKIE,
  readReaderState,
  readerCookie,
} from "./reader-state";

/** The request's cookies as Next's cookies() hands them over: read by name, set with options. */
export type CookieJar = {
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options: CookieOptions): unknown;
};

/**
 * On sign-in: this browser's anonymous remind-laters become the reader's, and the browser is marked as theirs,
 * so the ask follows what they chose on any device they sign in on.
 */
export async function attachBrowserToReader(jar: CookieJar, supporterId: string): Promise<void> {
  const config = env();
  const { state, isNew } = readReaderState(jar.get(FIRST_PARTY_COOKIE)?.value, config.cookieSecret);
  if (!isNew) await linkReaderKey(getSqlDb(), state.k, supporterId);
  const cookie = readerCookie("first-party", new URL(config.APP_URL).protocol === "https:");
  jar.set(
    cookie.name,
    encodeReaderState({ ...state, p: supporterId }, config.cookieSecret),
    cookie.options,
  );
}
