import { describe, expect, it } from "vitest";
import { defaultAskSettings } from "./settings";
import { fieldsFromSettings, settingsFromFields } from "./settings-form";

const base = defaultAskSettings();

describe("the ask editor's form", () => {
  it("reads back the document it was drawn from", () => {
    expect(settingsFromFields(fieldsFromSettings(base), base)).toEqual({
      candidate: base,
      problems: [],
    });
  });

  it("reads amounts as typed in the currency's major unit, and names one that does not read", () => {
    const fields = fieldsFromSettings(base);
    fields["amounts.USD.MONTHLY.presets"] = "7, 15 30;1,000";
    fields["amounts.USD.MONTHLY.max"] = "1,000";
    fields["amounts.USD.MONTHLY.defaultAmount"] = "fifteen";
    const { candidate, problems } = settingsFromFields(fields, base);
    expect(candidate.amounts.USD!.MONTHLY.presets).toEqual([700, 1500, 3000, 100000]);
    expect(problems).toContainEqual({
      path: "amounts.USD.MONTHLY.defaultAmount",
      message: 'USD monthly default: "fifteen" is not an amount in USD.',
    });
    // Reported once, as what it said, not again as "the default must be one of its presets".
    expect(problems.filter((p) => p.path === "amounts.USD.MONTHLY.defaultAmount")).toHaveLength(1);
  });

  it("starts a newly offered currency from its built-in steps (whole yen for JPY)", () => {
    const fields = fieldsFromSettings(base);
    fields.currencies = ["USD", "EUR", "GBP", "JPY"];
    const { candidate, problems } = settingsFromFields(fields, base);
    expect(problems).toEqual([]);
    expect(candidate.amounts.JPY!.ONCE.presets).toEqual([1000, 3000, 5000, 10000]);
    expect(fieldsFromSettings(candidate)["amounts.JPY.ONCE.presets"]).toBe(
      "1000, 3000, 5000, 10000",
    );
  });

  it("keeps line breaks of the appeal and reports a missing translation by language", () => {
    const fields = fieldsFromSettings(base);
    fields["copy.en.appeal"] = "Dear readers,\r\n\r\nOne\r\nTwo";
    fields["copy.ru.button"] = "";
    const { candidate, problems } = settingsFromFields(fields, base);
    expect(candidate.copy.en.appeal).toBe("Dear readers,\n\nOne\nTwo");
    expect(problems).toEqual([
      { path: "copy.ru.button", message: "Russian: Write the button wording." },
    ]);
  });
});
