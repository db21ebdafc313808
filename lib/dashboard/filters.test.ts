import { describe, expect, it } from "vitest";
import { isAppError } from "../errors/app-error";
import { encodeCursor, parseFilters, paymentFilters, supporterFilters } from "./filters";

function refusal(params: Record<string, string>): string | null {
  try {
    parseFilters(paymentFilters, new URLSearchParams(params));
    parseFilters(supporterFilters, new URLSearchParams(params));
    return null;
  } catch (error) {
    if (!isAppError(error)) throw error;
    expect(error.status).toBe(400);
    return error.message;
  }
}

const rawCursor = (text: string) => Buffer.from(text).toString("base64url");

describe("list filters: dates PostgreSQL can store, or a 400", () => {
  it("accepts real days within the range", () => {
    expect(refusal({ from: "2026-01-31", to: "2026-02-28" })).toBeNull();
    expect(refusal({ from: "1900-01-01", to: "2999-12-31" })).toBeNull();
    expect(refusal({ from: "2028-02-29" })).toBeNull();
  });

  it("refuses days JavaScript parses but PostgreSQL cannot store (year 0), or that the next day would push out of range", () => {
    expect(refusal({ from: "0000-01-01" })).toBe(
      "from: Use a date between 1900-01-01 and 2999-12-31.",
    );
    expect(refusal({ to: "9999-12-31" })).toBe("to: Use a date between 1900-01-01 and 2999-12-31.");
    expect(refusal({ from: "1899-12-31" })).toMatch(/^from: Use a date between/);
  });

  it("refuses days that do not exist instead of rolling them over", () => {
    expect(refusal({ from: "2026-02-31" })).toBe("from: Not a real date.");
    expect(refusal({ to: "2026-02-29" })).toBe("to: Not a real date.");
    expect(refusal({ from: "2026-13-01" })).toBe("from: Not a real date.");
  });

  it("refuses page links dated outside the range (JavaScript's first day, year 0, year 275760)", () => {
    for (const at of [
      "-271821-04-20T00:00:00.000Z",
      "0000-01-01T00:00:00.000Z",
      "+275760-09-13T00:00:00.000Z",
    ]) {
      expect(refusal({ after: rawCursor(`${at}|p_1`) })).toBe("after: Not a valid page link.");
    }
    expect(
      refusal({ after: encodeCursor({ at: new Date("2026-05-01T10:00:00Z"), id: "p_1" }) }),
    ).toBeNull();
  });
});
