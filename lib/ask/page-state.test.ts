import { describe, expect, it } from "vitest";
import { supportPageState } from "./page-state";
import { defaultAskSettings } from "./settings";

const ASK = defaultAskSettings();

describe("supportPageState: the CAPTCHA flag", () => {
  it("has no CAPTCHA problem by default", () => {
    expect(supportPageState({}, ASK).captchaProblem).toBeNull();
  });

  it("reads captcha=1 as 'solve it again' and captcha=unavailable as 'try later', keeping the choice", () => {
    const retry = supportPageState(
      { frequency: "ONCE", currency: "EUR", amount: "2500", captcha: "1" },
      ASK,
    );
    expect(retry).toMatchObject({
      frequency: "ONCE",
      currency: "EUR",
      amount: "2500",
      captchaProblem: "retry",
      notice: null,
      errors: {},
    });
    expect(supportPageState({ captcha: "unavailable" }, ASK).captchaProblem).toBe("unavailable");
  });

  it("restores a choice sent from the embed's Continue (GET /support with the form's fields)", () => {
    const state = supportPageState(
      {
        surface: "embed",
        variant: "default",
        frequency: "ANNUAL",
        currency: "GBP",
        amount: "other",
        otherAmount: "42",
      },
      ASK,
    );
    expect(state).toMatchObject({
      frequency: "ANNUAL",
      currency: "GBP",
      amount: "other",
      otherAmount: "42",
      captchaProblem: null,
    });
  });
});

describe("supportPageState: which ask the visit continues", () => {
  it("is none on a plain visit, or when the query names the support page itself", () => {
    expect(supportPageState({}, ASK).cameFrom).toBeNull();
    expect(supportPageState({ surface: "support-page" }, ASK).cameFrom).toBeNull();
  });

  it("continues the article's or the embed's ask, with its variant", () => {
    expect(supportPageState({ surface: "embed", variant: "default" }, ASK).cameFrom).toEqual({
      surface: "embed",
      variant: "default",
    });
    expect(
      supportPageState({ surface: "article", variant: "renew", cancelled: "1" }, ASK).cameFrom,
    ).toEqual({ surface: "article", variant: "renew" });
  });

  it("ignores surfaces and variants it does not know", () => {
    expect(supportPageState({ surface: "newsletter" }, ASK).cameFrom).toBeNull();
    expect(supportPageState({ surface: ["embed", "article"] }, ASK).cameFrom).toBeNull();
    expect(supportPageState({ surface: "embed", variant: "<script>" }, ASK).cameFrom).toEqual({
      surface: "embed",
      variant: "default",
    });
  });
});

describe("supportPageState: messages for a form post sent back", () => {
  it("says when to try again after a rate-limited checkout, from digits only", () => {
    expect(supportPageState({ limited: "540", frequency: "ONCE" }, ASK).notice).toEqual({
      kind: "limited",
      tryAgain: "in about 9 minutes",
    });
    expect(supportPageState({ limited: "<script>" }, ASK).notice).toBeNull();
    expect(supportPageState({ unavailable: "1" }, ASK).notice).toEqual({ kind: "unavailable" });
  });

  it("explains a remind-me-later post that came back: limited (with when), unavailable, invalid; nothing for other values", () => {
    expect(supportPageState({ remind: "limited", retry: "30" }, ASK).remindNotice).toMatch(
      /try again in a minute/,
    );
    expect(supportPageState({ remind: "limited", retry: "1200" }, ASK).remindNotice).toMatch(
      /in about 20 minutes/,
    );
    expect(supportPageState({ remind: "unavailable" }, ASK).remindNotice).toMatch(/could not save/);
    expect(supportPageState({ remind: "invalid" }, ASK).remindNotice).toMatch(/choose when/i);
    expect(supportPageState({ remind: "<b>hi</b>" }, ASK).remindNotice).toBeNull();
  });
});
