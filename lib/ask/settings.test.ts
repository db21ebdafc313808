import { describe, expect, it } from "vitest";
import {
  defaultAskSettings,
  fillCopy,
  paragraphs,
  settingsProblems,
  type AskSettings,
} from "./settings";

const edit = (change: (s: AskSettings) => void): AskSettings => {
  const settings = structuredClone(defaultAskSettings());
  change(settings);
  return settings;
};

describe("the ask's settings", () => {
  it("the built-in ask is valid, in English and Russian", () => {
    expect(settingsProblems(defaultAskSettings())).toEqual([]);
    expect(settingsProblems(defaultAskSettings("JPY"))).toEqual([]);
    expect(defaultAskSettings("JPY").currencies[0]).toBe("JPY");
  });

  it("says what to fix, field by field, in words a person can act on", () => {
    const problems = settingsProblems(
      edit((s) => {
        s.copy.en.heading = " ";
        s.copy.ru.remindChoices.week = "";
        s.amounts.USD!.MONTHLY.presets = [100, 1000];
        s.amounts.USD!.ONCE.min = 10;
        s.amounts.EUR!.ANNUAL.defaultAmount = 777;
        s.defaultCurrency = "JPY";
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: "copy.en.heading", message: "English: Write the heading." },
        {
          path: "copy.ru.remindChoices.week",
          message: 'Write the Russian label of the remind-later choice "week".',
        },
        {
          path: "amounts.USD.MONTHLY.presets",
          message: "The USD monthly preset $1 is outside its limits ($2 to $1,000).",
        },
        {
          path: "amounts.USD.ONCE.min",
          message:
            "The USD one-time minimum can't be below $0.50, the least Stripe charges in USD.",
        },
        {
          path: "amounts.EUR.ANNUAL.defaultAmount",
          message: "The EUR annual default must be one of its presets.",
        },
        { path: "defaultCurrency", message: "The default currency must be one the ask offers." },
      ]),
    );
  });

  it("needs amounts for every currency it offers", () => {
    const problems = settingsProblems(edit((s) => s.currencies.push("JPY")));
    expect(problems).toEqual([{ path: "amounts.JPY", message: "Set the amounts for JPY." }]);
  });

  it("keeps the newsroom's text as text: paragraphs and line breaks, placeholders filled", () => {
    expect(paragraphs("Dear readers,\n\nLine one\nline two\n\n\n  \nLast")).toEqual([
      ["Dear readers,"],
      ["Line one", "line two"],
      ["Last"],
    ]);
    expect(fillCopy("A Message from {publication}", { publication: "The Ledger" })).toBe(
      "A Message from The Ledger",
    );
    expect(fillCopy("<b>{unknown}</b>", {})).toBe("<b>{unknown}</b>");
  });
});
