import { describe, expect, it } from "vitest";
import { isAppError } from "../errors/app-error";
import { encodeCursor, parseFilters, paymentFilters, supporterFilters } from "./filters";
import { filtersOrError } from "./safe-parse";

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
      "From date: Use a date between 1900-01-01 and 2999-12-31.",
    );
    expect(refusal({ to: "9999-12-31" })).toBe(
      "To date: Use a date between 1900-01-01 and 2999-12-31.",
    );
    expect(refusal({ from: "1899-12-31" })).toMatch(/^From date: Use a date between/);
  });

  it("refuses days that do not exist instead of rolling them over", () => {
    expect(refusal({ from: "2026-02-31" })).toBe("From date: Not a real date.");
    expect(refusal({ to: "2026-02-29" })).toBe("To date: Not a real date.");
    expect(refusal({ from: "2026-13-01" })).toBe("From date: Not a real date.");
  });

  it("refuses page links dated outside the range (JavaScript's first day, year 0, year 275760)", () => {
    for (const at of [
      "-271821-04-20T00:00:00.000Z",
      "0000-01-01T00:00:00.000Z",
      "+275760-09-13T00:00:00.000Z",
    ]) {
      expect(refusal({ after: rawCursor(`${at}|p_1`) })).toBe("Page link: Not a valid page link.");
    }
    expect(
      refusal({ after: encodeCursor({ at: new Date("2026-05-01T10:00:00Z"), id: "p_1" }) }),
    ).toBeNull();
  });
});

describe("list filters: messages a person can act on", () => {
  it("refuses a range that ends before it starts, naming both dates", () => {
    expect(refusal({ from: "2026-05-02", to: "2026-05-01" })).toBe(
      "To date: 2026-05-01 is before the start date 2026-05-02: swap the two dates or change one.",
    );
    expect(refusal({ from: "2026-05-01", to: "2026-05-01" })).toBeNull();
  });

  it("refuses values the form does not offer in words, not validation jargon", () => {
    const cases: Record<string, string>[] = [
      { currency: "XYZ" },
      { sort: "sideways" },
      { currency: "usd" },
    ];
    for (const params of cases) {
      const message = refusal(params)!;
      expect(message, JSON.stringify(params)).toMatch(/^(Currency|Order): Choose /);
      expect(message).not.toMatch(/Invalid|expected|option:|received/i);
    }
    expect(() => parseFilters(paymentFilters, new URLSearchParams({ kind: "gift" }))).toThrow(
      "Kind: Choose one of the options the form offers.",
    );
  });

  it("names every bad field, and gives them by query-string name", () => {
    try {
      parseFilters(paymentFilters, new URLSearchParams({ from: "2026-02-31", status: "lost" }));
      expect.unreachable();
    } catch (error) {
      if (!isAppError(error)) throw error;
      expect(error.message).toBe(
        "From date: Not a real date. Status: Choose one of the options the form offers.",
      );
      expect(error.details).toEqual({
        from: "Not a real date.",
        status: "Choose one of the options the form offers.",
      });
    }
  });

  it("pages get no filters at all for bad ones (so they list nothing), and the values as typed", () => {
    const bad = filtersOrError(supporterFilters, {
      from: "2026-06-01",
      to: "2026-05-01",
      q: "ana",
    });
    expect(bad).toMatchObject({
      ok: false,
      filters: null,
      values: { from: "2026-06-01", to: "2026-05-01", q: "ana" },
    });
    expect(bad.error).toMatch(/^To date: 2026-05-01 is before the start date 2026-06-01/);
    const labelled = filtersOrError(supporterFilters, { status: "x" }, { status: "Membership" });
    expect(labelled.error).toBe("Membership: Choose one of the options the form offers.");
    expect(filtersOrError(supporterFilters, { q: "ana" })).toMatchObject({
      ok: true,
      filters: { q: "ana" },
    });
  });
});
