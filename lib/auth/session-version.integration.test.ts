import { describe, expect, it } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import { db } from "../db";
import * as sessions from "./session-version";
import * as staff from "./staff-members";

/** What ends a supporter's sessions: signing out and every change of role, each bumping sessionVersion once. */

setUpTestBackends();

const versionOf = async (email: string) =>
  (await db.supporter.findUniqueOrThrow({ where: { email }, select: { sessionVersion: true } }))
    .sessionVersion;

describe("session versions", () => {
  it("a token from before a sign-out or a role change no longer counts", async () => {
    const reader = await db.supporter.create({ data: { email: "ada@example.com" } });
    const issued = await versionOf("ada@example.com");
    expect(sessions.isCurrentSession(issued, issued)).toBe(true);
    expect(sessions.isCurrentSession(undefined, 0)).toBe(true); // tokens from before versions existed

    await sessions.endSessions(db, reader.id); // signing out
    expect(sessions.isCurrentSession(issued, await versionOf("ada@example.com"))).toBe(false);

    const beforeGrant = await versionOf("ada@example.com");
    await staff.grantStaff(db, "ada@example.com");
    expect(await versionOf("ada@example.com")).toBe(beforeGrant + 1);
    await staff.grantStaff(db, "ada@example.com"); // already staff: nothing changes
    expect(await versionOf("ada@example.com")).toBe(beforeGrant + 1);

    const admin = await db.supporter.create({ data: { email: "boss@example.com", role: "ADMIN" } });
    await staff.revokeStaff(db, admin.id, reader.id);
    expect(await versionOf("ada@example.com")).toBe(beforeGrant + 2);
    expect(await versionOf("boss@example.com")).toBe(0);
  });
});
