import { describe, expect, it } from "vitest";
import { supportPageState } from "./page-state";

describe("supportPageState: the CAPTCHA flag", () => {
  it("has no CAPTCHA problem by default", () => {
    expect(supportPageState({}, "USD").captchaProblem).toBeNull();
  });

  it("reads captcha=1 as 'solve it again' and captcha=unavailable as 'try later', keeping the choice", () => {
    const retry = supportPageState(
      { frequency: "ONCE", currency: "EUR", amount: "2500", captcha: "1" },
      "USD",
    );
    expect(retry).toMatchObject({
      frequency: "ONCE",
      currency: "EUR",
      amount: "2500",
      captchaProblem: "retry",
      notice: null,
      errors: {},
    });
    expect(supportPageState({ captcha: "unavailable" }, "USD").captchaProblem).toBe("unavailable");
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
      "USD",
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
    expect(supportPageState({}, "USD").cameFrom).toBeNull();
    expect(supportPageState({ surface: "support-page" }, "USD").cameFrom).toBeNull();
  });

  it("continues the article's or the embed's ask, with its variant", () => {
    expect(supportPageState({ surface: "embed", variant: "default" }, "USD").cameFrom).toEqual({
      surface: "embed",
      variant: "default",
    });
    expect(
      supportPageState({ surface: "article", variant: "renew", cancelled: "1" }, "USD").cameFrom,
    ).toEqual({ surface: "article", variant: "renew" });
  });

  it("ignores surfaces and variants it does not know", () => {
    expect(supportPageState({ surface: "newsletter" }, "USD").cameFrom).toBeNull();
    expect(supportPageState({ surface: ["embed", "article"] }, "USD").cameFrom).toBeNull();
    expect(supportPageState({ surface: "embed", variant: "<script>" }, "USD").cameFrom).toEqual({
      surface: "embed",
      variant: "default",
    });
  });
});

describe("supportPageState: messages for a form post sent back", () => {
  it("says when to try again after a rate-limited checkout, from digits only", () => {
    expect(supportPageState({ limited: "540", frequency: "ONCE" }, "USD").notice).toEqual({
      kind: "limited",
      tryAgain: "in about 9 minutes",
    });
    expect(supportPageState({ limited: "<script>" }, "USD").notice).toBeNull();
    expect(supportPageState({ unavailable: "1" }, "USD").notice).toEqual({ kind: "unavailable" });
  });

  it("explains a remind-me-later post that came back: limited (with when), unavailable, invalid; nothing for other values", () => {
    expect(supportPageState({ remind: "limited", retry: "30" }, "USD").remindNotice).toMatch(
      /try again in a minute/,
    );
    expect(supportPageState({ remind: "limited", retry: "1200" }, "USD").remindNotice).toMatch(
      /in about 20 minutes/,
    );
    expect(supportPageState({ remind: "unavailable" }, "USD").remindNotice).toMatch(
      /could not save/,
    );
    expect(supportPageState({ remind: "invalid" }, "USD").remindNotice).toMatch(/choose when/i);
    expect(supportPageState({ remind: "<b>hi</b>" }, "USD").remindNotice).toBeNull();
  });
});
