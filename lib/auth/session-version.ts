import type { Db } from "../db";

/**
 * Sessions are JWTs, which cannot be recalled once issued: each carries the supporter's sessionVersion from
 * when it was issued, and the user is read (lib/auth/session.ts) only while it still matches. Signing out and
 * every change of role bump the version, which ends all of that supporter's sessions in every browser.
 */
export const bumpSessionVersion = { sessionVersion: { increment: 1 } } as const;

export async function endSessions(db: Db, supporterId: string): Promise<void> {
  await db.supporter.updateMany({ where: { id: supporterId }, data: bumpSessionVersion });
}

/** A token without a version was issued before versions existed, when every supporter's was 0. */
export function isCurrentSession(
  tokenVersion: number | undefined,
  supporterVersion: number,
): boolean {
  return (tokenVersion ?? 0) === supporterVersion;
}
