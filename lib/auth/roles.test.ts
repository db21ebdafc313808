import { describe, expect, it } from "vitest";
import { hasRole } from "./roles";

describe("hasRole", () => {
  it("admits staff and admins to staff pages, only admins to admin pages", () => {
    expect([
      hasRole("READER", "STAFF"),
      hasRole("STAFF", "STAFF"),
      hasRole("ADMIN", "STAFF"),
    ]).toEqual([false, true, true]);
    expect([
      hasRole("READER", "ADMIN"),
      hasRole("STAFF", "ADMIN"),
      hasRole("ADMIN", "ADMIN"),
    ]).toEqual([false, false, true]);
    expect(hasRole("READER", "READER")).toBe(true);
  });
});
