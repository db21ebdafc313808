import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { SignOutButton } from "@/components/auth/SignOutButton";
import { type Column, DataTable } from "@/components/DataTable";
import { loadAccount, membershipState, type AccountMembership } from "@/lib/account/load-account";
import { requireReader } from "@/lib/auth/require";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/ask/amounts";
import { formatDay } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locale";
import { openPortal } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}
export const dynamic = "force-dynamic";

/** The reasons openPortal sends back as ?error= (lib/account/portal's AppError reasons and codes). */
const ERROR_CODES = ["not_found", "upstream_unavailable", "customer_missing"] as const;
type ErrorCode = (typeof ERROR_CODES)[number];
const isErrorCode = (code: unknown): code is ErrorCode =>
  typeof code === "string" && (ERROR_CODES as readonly string[]).includes(code);

type AccountTranslator = Awaited<ReturnType<typeof getTranslations<"account">>>;

function MembershipCard({
  m,
  t,
  locale,
}: {
  m: AccountMembership;
  t: AccountTranslator;
  locale: Locale;
}) {
  const state = membershipState(m);
  const headingId = `membership-${m.id}`;
  const amount = formatMoney(m.amount, m.currency, locale);
  return (
    <section className="block card-like" aria-labelledby={headingId}>
      <h3 id={headingId}>{t("perInterval", { amount, interval: m.interval })}</h3>
      <dl className="facts">
        <dt>{t("status")}</dt>
        <dd>
          <span className={`badge ${state === "active" ? "ok" : state === "ended" ? "" : "warn"}`}>
            {t(`state.${state}`)}
          </span>
        </dd>
        <dt>{t("memberSince")}</dt>
        <dd>{formatDay(m.startedAt, locale)}</dd>
        {state === "active" && m.currentPeriodEnd && (
          <>
            <dt>{t("nextPayment")}</dt>
            <dd>{t("nextPaymentOn", { amount, date: formatDay(m.currentPeriodEnd, locale) })}</dd>
          </>
        )}
        {state === "cancelling" && m.currentPeriodEnd && (
          <>
            <dt>{t("endsOn")}</dt>
            <dd>{t("endsOnDate", { date: formatDay(m.currentPeriodEnd, locale) })}</dd>
          </>
        )}
        {state === "ended" && m.endedAt && (
          <>
            <dt>{t("endedOn")}</dt>
            <dd>{formatDay(m.endedAt, locale)}</dd>
          </>
        )}
      </dl>
      {(state === "unpaid" || state === "paused") && (
        <p>
          <a href="/support">{t("renew")}</a>
        </p>
      )}
      {state !== "ended" && (
        <form action={openPortal}>
          <input type="hidden" name="membershipId" value={m.id} />
          <button className="button" type="submit" aria-describedby={headingId}>
            {t("manage")}
          </button>
          <p className="fineprint">{t("manageHint")}</p>
        </form>
      )}
    </section>
  );
}

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireReader("/account");
  const { memberships, payments } = await loadAccount(db, user.id);
  const params = await searchParams;
  const t = await getTranslations("account");
  const locale = await getLocale();
  const error = isErrorCode(params.error) ? t(`errors.${params.error}`) : null;
  const money = (minor: number, currency: string) => formatMoney(minor, currency, locale);
  const giftColumns: Column[] = [
    { label: t("columns.date") },
    { label: t("columns.gift") },
    { label: t("columns.amount"), num: true },
    { label: t("columns.status") },
    { label: t("columns.receipt") },
  ];
  return (
    <div className="panel">
      <h1>{t("title")}</h1>
      <p>
        {t.rich("signedInAs", {
          email: user.email,
          strong: (chunks) => <strong>{chunks}</strong>,
        })}{" "}
        <SignOutButton className="inline-link" />
      </p>
      {user.role !== "READER" && (
        <p>
          <a href="/dashboard">{t("staffDashboard")}</a>
        </p>
      )}
      {error && (
        <p className="notice error-box" role="alert">
          {error}
        </p>
      )}

      <h2>{t("membership")}</h2>
      {memberships.length === 0 && (
        <p>{t.rich("noMembership", { become: (chunks) => <a href="/support">{chunks}</a> })}</p>
      )}
      {memberships.map((m) => (
        <MembershipCard key={m.id} m={m} t={t} locale={locale} />
      ))}

      <h2>{t("gifts")}</h2>
      {payments.length === 0 ? (
        <p>{t("noGifts")}</p>
      ) : (
        <DataTable caption={t("giftsCaption")} columns={giftColumns}>
          {payments.map((p) => (
            <tr key={p.id}>
              {/* "medium" so the table fits a phone: "Dec 1, 2026". */}
              <td>{formatDay(p.paidAt ?? p.createdAt, locale, "medium")}</td>
              <td>
                {t("giftKind", {
                  kind: p.kind === "ONE_TIME" ? "ONE_TIME" : (p.membership?.interval ?? "MONTH"),
                })}
              </td>
              <td className="num">
                {money(p.amount, p.currency)}
                {p.amountRefunded > 0 && p.status === "PARTIALLY_REFUNDED"
                  ? ` ${t("refunded", { amount: money(p.amountRefunded, p.currency) })}`
                  : ""}
              </td>
              <td>{t(`paymentStatus.${p.status}`)}</td>
              <td>
                {p.receiptUrl ? (
                  <a
                    href={p.receiptUrl}
                    aria-label={t("receiptFor", {
                      amount: money(p.amount, p.currency),
                      date: formatDay(p.paidAt ?? p.createdAt, locale),
                    })}
                  >
                    {t("receipt")}
                  </a>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
