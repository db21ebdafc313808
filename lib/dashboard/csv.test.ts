import { describe, expect, it } from "vitest";
import { csvField, csvLine, csvResponse, decimal } from "./csv";

describe("CSV", () => {
  it("quotes, escapes and defuses formulas", () => {
    expect(csvLine(["a", 'say "hi"', null, 3])).toBe('"a","say ""hi""","","3"\r\n');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("-5")).toBe('"\'-5"');
    expect(csvField("Zoë, Ltd")).toBe('"Zoë, Ltd"');
  });

  it("writes money as plain decimals in the currency's major unit", () => {
    expect([
      decimal(2500, "USD"),
      decimal(5, "EUR"),
      decimal(0, "GBP"),
      decimal(-150, "SEK"),
    ]).toEqual(["25.00", "0.05", "0.00", "-1.50"]);
    // Yen have no minor unit: 1000 recorded is ¥1,000, not ¥10.00.
    expect([decimal(1000, "JPY"), decimal(5, "JPY")]).toEqual(["1000", "5"]);
  });

  it("streams a BOM, the header and every row", async () => {
    async function* rows() {
      for (let i = 0; i < 450; i++) yield i;
    }
    const bytes = new Uint8Array(
      await csvResponse("x.csv", ["n"], rows(), (n) => [n]).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // Excel reads UTF-8 only with the BOM
    const text = new TextDecoder().decode(bytes); // drops the BOM
    expect(text.startsWith('"n"\r\n"0"\r\n')).toBe(true);
    expect(text.trimEnd().split("\r\n")).toHaveLength(451);
  });
});
