import { describe, expect, it } from "vitest";
import { signInMail } from "../auth/magic-link";
import { confirmationMail } from "../reminders/confirm-mail";
import { reminderMail } from "../reminders/reminder-mail";

/** The mails in the reader's language (English ones are pinned by their own modules' tests). */
describe("mail in Russian", () => {
  it("the sign-in mail", () => {
    const mail = signInMail({
      to: "reader@example.com",
      url: "https://news.example/signin/confirm?token=abc&email=x",
      publication: "The Times",
      known: true,
      locale: "ru",
    });
    expect(mail.subject).toBe("Вход в The Times");
    expect(mail.text).toContain("Вход в The Times как reader@example.com:");
    expect(mail.text).toContain("https://news.example/signin/confirm?token=abc&email=x");
    expect(mail.html).toContain(">Войти</a>");
    expect(mail.html).toContain("token=abc&#38;email=x");
  });

  it("the sign-in mail to an unknown address", () => {
    const mail = signInMail({
      to: "stranger@example.com",
      url: "https://news.example/x",
      publication: "P",
      known: false,
      locale: "ru",
    });
    expect(mail.text).toContain("С этого адреса у нас нет ни пожертвований, ни аккаунта.");
    expect(mail.text).not.toContain("https://news.example/x");
  });

  it("the reminder's confirmation, with the day in Russian", () => {
    const mail = confirmationMail({
      to: "reader@example.com",
      publication: "P & Q",
      appUrl: "https://news.example",
      token: "tok",
      dueAt: new Date("2026-12-05T10:00:00Z"),
      locale: "ru",
    });
    expect(mail.subject).toBe("Подтвердите напоминание от P & Q");
    expect(mail.text).toMatch(/5 декабря 2026\s?г\./);
    expect(mail.html).toContain("P &amp; Q");
    expect(mail.html).toContain(">Подтвердить напоминание</a>");
  });

  it("the reminder, with the gift in Russian money and words, its arguments escaped", () => {
    const mail = reminderMail({
      publication: "<P>",
      appUrl: "https://news.example",
      frequency: "MONTHLY",
      amount: 1000,
      currency: "EUR",
      unsubscribeToken: "t",
      locale: "ru",
    });
    expect(mail.subject).toBe("Напоминание: поддержите <P>");
    expect(mail.text).toContain("Вы собирались пожертвовать 10\u00a0€ в месяц. Это займёт минуту:");
    expect(mail.html).toContain("<strong>10\u00a0€ в месяц</strong>");
    expect(mail.html).toContain("&lt;P&gt;");
    expect(mail.html).not.toContain("<P>");
  });

  it("English when no language is given", () => {
    const mail = reminderMail({
      publication: "P",
      appUrl: "https://news.example",
      frequency: "ANNUAL",
      amount: 10000,
      currency: "GBP",
      unsubscribeToken: "t",
    });
    expect(mail.text).toContain("You were thinking of giving £100 per year. It takes a minute:");
  });
});
