import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Adapter } from "next-auth/adapters";
import { createTestDatabase, type TestDatabase } from "@/test/db/test-database";
import { supporterAdapter } from "./adapter";
import { db } from "../db";
import { setEnvForTests } from "../env";

let database: TestDatabase;
let adapter: Required<
  Pick<
    Adapter,
    | "createUser"
    | "getUserByEmail"
    | "createVerificationToken"
    | "useVerificationToken"
    | "linkAccount"
    | "getUserByAccount"
  >
>;

beforeAll(async () => {
  database = await createTestDatabase();
  setEnvForTests({ DATABASE_URL: database.url });
  adapter = supporterAdapter(db, ["boss@example.com"]) as typeof adapter;
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("the next-auth adapter over Supporter", () => {
  it("signs in an existing supporter as themselves, whatever the case of the address", async () => {
    const supporter = await db.supporter.create({
      data: { email: "reader@example.com", name: "Ada" },
    });
    const user = await adapter.getUserByEmail!("Reader@Example.com");
    expect(user).toMatchObject({ id: supporter.id, email: "reader@example.com", role: "READER" });
  });

  it("creates new users as readers, and ADMIN_EMAILS as admins", async () => {
    const created = await (
      adapter.createUser as (u: {
        email: string;
        emailVerified: Date | null;
      }) => Promise<{ role: string }>
    )({ email: "boss@example.com", emailVerified: new Date() });
    expect(created.role).toBe("ADMIN");
    const reader = await (
      adapter.createUser as (u: {
        email: string;
        emailVerified: Date | null;
      }) => Promise<{ role: string }>
    )({ email: "new@example.com", emailVerified: null });
    expect(reader.role).toBe("READER");
  });

  it("spends a verification token exactly once", async () => {
    const expires = new Date(Date.now() + 60_000);
    await adapter.createVerificationToken!({
      identifier: "reader@example.com",
      token: "hashed-token",
      expires,
    });
    const attempts = await Promise.all(
      [1, 2, 3].map(() =>
        adapter.useVerificationToken!({ identifier: "reader@example.com", token: "hashed-token" }),
      ),
    );
    expect(attempts.filter(Boolean)).toHaveLength(1);
    expect(
      await adapter.useVerificationToken!({
        identifier: "other@example.com",
        token: "hashed-token",
      }),
    ).toBeNull();
  });

  it("a new link deletes the address's earlier unused tokens (and expired ones), not other addresses' live ones", async () => {
    const expires = new Date(Date.now() + 60_000);
    await adapter.createVerificationToken!({
      identifier: "other@example.com",
      token: "other-live",
      expires,
    });
    await adapter.createVerificationToken!({
      identifier: "old@example.com",
      token: "old-expired",
      expires: new Date(Date.now() - 1000),
    });
    for (let i = 0; i < 5; i++)
      await adapter.createVerificationToken!({
        identifier: "Piled@Example.com",
        token: `piled-${i}`,
        expires,
      });
    const rows = await db.verificationToken.findMany({ orderBy: { token: "asc" } });
    expect(rows.map((r) => `${r.identifier} ${r.token}`)).toEqual([
      "other@example.com other-live",
      "piled@example.com piled-4",
    ]);
    expect(
      await adapter.useVerificationToken!({ identifier: "piled@example.com", token: "piled-3" }),
    ).toBeNull();
    expect(
      await adapter.useVerificationToken!({ identifier: "piled@example.com", token: "piled-4" }),
    ).toMatchObject({ token: "piled-4" });
  });

  it("links an OAuth identity to the supporter with that address", async () => {
    const supporter = await db.supporter.findUniqueOrThrow({
      where: { email: "reader@example.com" },
    });
    await (adapter.linkAccount as (a: object) => Promise<void>)({
      userId: supporter.id,
      type: "oauth",
      provider: "google",
      providerAccountId: "g-1",
    });
    expect(
      await adapter.getUserByAccount!({ provider: "google", providerAccountId: "g-1" }),
    ).toMatchObject({ id: supporter.id });
    expect(
      await adapter.getUserByAccount!({ provider: "google", providerAccountId: "g-2" }),
    ).toBeNull();
  });
});
