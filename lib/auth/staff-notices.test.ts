import { describe, expect, it } from "vitest";
import { staffError, staffPageUrl } from "./staff-notices";

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
});
