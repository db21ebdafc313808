import { describe, expect, it } from "vitest";
import { setUpTestBackends } from "@/test/db/test-backends";
import { db } from "../db";
import { grantStaff, readerEmail, revokeStaff } from "./staff-members";

setUpTestBackends();

describe("inviting staff says what it did", () => {
  it("adds a new address or a reader, and says so for one that already had dashboard access", async () => {
    const admin = await db.supporter.create({ data: { email: "boss@example.com", role: "ADMIN" } });
    await db.supporter.create({ data: { email: "reader@example.com" } });

    expect(await grantStaff(db, "new@example.com")).toBe("added");
    expect(await grantStaff(db, "reader@example.com")).toBe("added");
    expect(await grantStaff(db, "new@example.com")).toBe("already_staff");
    expect(await grantStaff(db, "boss@example.com")).toBe("already_admin");
    const roles = await db.supporter.findMany({
      orderBy: { email: "asc" },
      select: { email: true, role: true },
    });
    expect(roles).toEqual([
      { email: "boss@example.com", role: "ADMIN" },
      { email: "new@example.com", role: "STAFF" },
      { email: "reader@example.com", role: "STAFF" },
    ]);

    const reader = await db.supporter.findUniqueOrThrow({ where: { email: "reader@example.com" } });
    expect(await readerEmail(db, reader.id)).toBeNull(); // staff: not a removed one
    await revokeStaff(db, admin.id, reader.id);
    expect(await readerEmail(db, reader.id)).toBe("reader@example.com");
    expect(await readerEmail(db, admin.id)).toBeNull();
    expect(await readerEmail(db, "no-such-id")).toBeNull();
  });
});
