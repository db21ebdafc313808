import { describe, expect, it } from "vitest";
import { invitedNotice, staffError, staffPageUrl } from "./staff-notices";

describe("the staff page's notices", () => {
  it("shows fixed words for known codes and nothing for anything else", () => {
    expect(staffError("self")).toBe("You cannot remove yourself.");
    expect(staffError("not_found")).toBe("No such staff member.");
    for (const text of [
      "Your account is locked: call 0800 123 456",
      "<script>alert(1)</script>",
      "toString",
      "__proto__",
      "",
      null,
      ["self"],
    ]) {
      expect(staffError(text), String(text)).toBeNull();
    }
  });

  it("sends the admin back to APP_URL's staff page", () => {
    expect(staffPageUrl("https://news.example", { error: "self" })).toBe(
      "https://news.example/dashboard/staff?error=self",
    );
    expect(staffPageUrl("https://news.example", { added: "a+b@x.example" })).toBe(
      "https://news.example/dashboard/staff?added=a%2Bb%40x.example",
    );
  });

  it("says 'can now sign in' only for an address that could not use the dashboard before", () => {
    const staff = { email: "ada@example.com", role: "STAFF" };
    expect(invitedNotice(staff, undefined)).toBe(
      "ada@example.com can now sign in to the dashboard at /signin.",
    );
    expect(invitedNotice(staff, "staff")).toBe(
      "ada@example.com is already staff: nothing changed.",
    );
    expect(invitedNotice({ email: "boss@example.com", role: "ADMIN" }, "admin")).toBe(
      "boss@example.com is an admin already: nothing changed.",
    );
    expect(invitedNotice(undefined, undefined)).toBeNull(); // not on the staff list: named nowhere
  });

  it("carries a removal's confirmation step and its outcome", () => {
    expect(staffPageUrl("https://news.example", { remove: "s_1" })).toBe(
      "https://news.example/dashboard/staff?remove=s_1",
    );
    expect(staffPageUrl("https://news.example", { added: "a@x.example", already: "staff" })).toBe(
      "https://news.example/dashboard/staff?added=a%40x.example&already=staff",
    );
  });
});
