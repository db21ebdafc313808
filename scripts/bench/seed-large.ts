import pg from "pg";

/**
 * A newsroom at scale, for the dashboard benchmark: 100 000 supporters and exactly 1 000 000 payments written
 * with set-based SQL (generate_series), in well under a minute. Deterministic (hashes of the row number, no
 * random()), and faithful to what the webhooks would have recorded:
 *   - each supporter has one Stripe customer; members one membership (sub_…), one-time givers none;
 *   - recurring payments are one per period from startedAt, linked to the membership, in its currency and
 *     amount; a membership's last payment is before it ended, and an active one's next is after now;
 *   - PAST_DUE memberships end on a FAILED payment; involuntary churn ends 14 days after a failed renewal;
 *     never-activated subscriptions (INCOMPLETE_EXPIRED) have one failed payment;
 *   - FAILED payments have no paidAt; refunds are full (REFUNDED) or half (PARTIALLY_REFUNDED) of SUCCEEDED ones;
 *   - each refunded payment has one succeeded Refund row of its amountRefunded, made 0–60 days after it was paid
 *     (never after now), in its currency; a fifth of the partly refunded also have a failed refund of the other
 *     half (which counts nowhere): the counted refunds of a payment add up to its amountRefunded;
 *   - one collected payment in 512 is disputed (5–55 days after it was paid; lost, won, or still under review);
 *   - cancel-at-period-end only on live memberships; CANCELED ones have endedAt, live ones none.
 * Rows are written in time order, as they would have arrived (a table's physical order follows its history).
 * Mix: 45 % one-time givers (1–3 gifts), 40 % monthly members (1–44 payments), 15 % annual (1–3).
 */
export type LargeSeed = {
  supporters: number;
  payments: number;
  memberships: number;
  seconds: number;
};

export async function seedLarge(
  url: string,
  options: { supporters?: number; now?: Date } = {},
): Promise<LargeSeed> {
  const supporters = options.supporters ?? 100_000;
  const now = options.now ?? new Date();
  const started = Date.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SET synchronous_commit = off");
    await client.query("BEGIN");
    // r(i, k): a deterministic fraction in [0, 1) per supporter and purpose.
    await client.query(`
      CREATE TEMP TABLE plan ON COMMIT DROP AS
      WITH base AS (
        SELECT i,
               CASE WHEN i % 20 < 9 THEN 'ONCE' WHEN i % 20 < 17 THEN 'MONTH' ELSE 'YEAR' END AS kind,
               ((hashint8extended(i, 1) & 1048575)::float8 / 1048576) AS r1,
               ((hashint8extended(i, 2) & 1048575)::float8 / 1048576) AS r2,
               ((hashint8extended(i, 3) & 1048575)::float8 / 1048576) AS r3,
               ((hashint8extended(i, 4) & 1048575)::float8 / 1048576) AS r4,
               ((hashint8extended(i, 5) & 1048575)::float8 / 1048576) AS r5,
               ((hashint8extended(i, 6) & 1048575)::float8 / 1048576) AS r6
          FROM generate_series(0, ${Math.floor(supporters)} - 1) AS i
      ), ranked AS (
        SELECT *, (row_number() OVER (PARTITION BY kind ORDER BY i) - 1)::int AS j FROM base
      )
      SELECT i, kind, j, r1, r2, r3, r4, r5, r6,
             CASE WHEN r1 < 0.6 THEN 'USD' WHEN r1 < 0.84 THEN 'EUR' ELSE 'GBP' END AS currency,
             CASE kind WHEN 'MONTH' THEN 1 + j % 43 ELSE 1 + j % 3 END AS n
        FROM ranked`);
    // Top up so the total is exactly 10 payments per supporter: one more payment for the first monthly members.
    const [{ total }] = (
      await client.query<{ total: string }>(`SELECT sum(n)::bigint AS total FROM plan`)
    ).rows as [{ total: string }];
    const missing = supporters * 10 - Number(total);
    if (missing > 0)
      await client.query(`UPDATE plan SET n = n + 1 WHERE kind = 'MONTH' AND j < $1`, [missing]);

    const at = `'${now.toISOString()}'::timestamptz`;
    await client.query(`
      CREATE TEMP TABLE life ON COMMIT DROP AS
      WITH p AS (
        SELECT plan.*,
               CASE kind WHEN 'MONTH' THEN interval '1 month' WHEN 'YEAR' THEN interval '12 months' ELSE interval '90 days' END AS step,
               CASE
                 WHEN kind = 'ONCE' THEN NULL
                 WHEN kind = 'MONTH' AND n = 1 AND r3 < 0.5 THEN 'INCOMPLETE_EXPIRED'
                 WHEN r3 < 0.30 THEN 'CANCELED'
                 WHEN r3 < 0.32 THEN 'PAST_DUE'
                 ELSE 'ACTIVE'
               END AS status,
               r3 < 0.09 AS involuntary
          FROM plan
      )
      SELECT p.*,
             CASE
               WHEN kind = 'ONCE' THEN ${at} - (n - 1) * step - r4 * interval '600 days'
               WHEN status = 'INCOMPLETE_EXPIRED' THEN ${at} - r5 * interval '700 days'
               WHEN status = 'CANCELED' AND involuntary THEN (${at} - r5 * interval '540 days') - interval '14 days' - (n - 1) * step
               WHEN status = 'CANCELED' THEN (${at} - r5 * interval '540 days') - n * step
               ELSE ${at} - (n - 1) * step - r4 * (CASE kind WHEN 'MONTH' THEN interval '27 days' ELSE interval '360 days' END)
             END AS started_at,
             CASE
               WHEN kind = 'ONCE' THEN (ARRAY[1000, 2500, 5000, 10000])[1 + floor(r2 * 4)::int]
               WHEN kind = 'MONTH' THEN (ARRAY[500, 1000, 2000])[1 + floor(r2 * 3)::int]
               ELSE (ARRAY[5000, 10000, 25000])[1 + floor(r2 * 3)::int]
             END AS amount
        FROM p`);
    await client.query(`
      ALTER TABLE life ADD COLUMN ended_at timestamptz;
      UPDATE life SET ended_at = CASE
          WHEN status = 'INCOMPLETE_EXPIRED' THEN started_at + interval '23 hours'
          WHEN status = 'CANCELED' AND involuntary THEN started_at + (n - 1) * step + interval '14 days'
          WHEN status = 'CANCELED' THEN started_at + n * step
        END`);

    await client.query(
      `INSERT INTO "Supporter" (id, email, name, role, "createdAt", "updatedAt")
       SELECT 'bsup_' || i, 'reader' || i || '@bench.example',
              (ARRAY['Ada','Grace','Alan','Katherine','Tim','Margaret','Linus','Radia'])[1 + i % 8] || ' ' ||
              (ARRAY['Lovelace','Hopper','Turing','Johnson','Lee','Hamilton','Torvalds','Perlman','Ritchie'])[1 + (i / 8) % 9],
              'READER', started_at, coalesce(ended_at, $1::timestamptz)
         FROM life ORDER BY started_at`,
      [now],
    );
    await client.query(`INSERT INTO "StripeCustomer" (id, "supporterId", email, "createdAt")
       SELECT 'cus_bench_' || i, 'bsup_' || i, 'reader' || i || '@bench.example', started_at FROM life`);
    await client.query(
      `INSERT INTO "Membership" (id, "stripeSubscriptionId", "stripeCustomerId", "supporterId", status, interval, amount, currency,
                                 "currentPeriodEnd", "cancelAtPeriodEnd", "startedAt", "endedAt", "stateAt", "createdAt", "updatedAt")
       SELECT 'bmem_' || i, 'sub_bench_' || i, 'cus_bench_' || i, 'bsup_' || i, status::"MembershipStatus",
              (CASE kind WHEN 'MONTH' THEN 'MONTH' ELSE 'YEAR' END)::"BillingInterval", amount, currency,
              CASE WHEN status = 'INCOMPLETE_EXPIRED' THEN NULL WHEN ended_at IS NOT NULL THEN ended_at ELSE started_at + n * step END,
              status IN ('ACTIVE', 'PAST_DUE') AND r6 < 0.04,
              started_at, ended_at, coalesce(ended_at, $1::timestamptz), started_at, coalesce(ended_at, $1::timestamptz)
         FROM life WHERE kind <> 'ONCE' ORDER BY started_at`,
      [now],
    );
    // Each membership's history (MembershipChange): its state at the start, and for one in 50 an amount change
    // halfway through its life (it started at double its amount now), which the overview's MRR at past moments
    // corrects for (lib/dashboard/overview.ts amountCorrection).
    await client.query(
      `INSERT INTO "MembershipChange" (id, "membershipId", at, status, interval, amount, currency, "cancelAtPeriodEnd")
       SELECT 'bmch_' || i || '_' || v, 'bmem_' || i, CASE v WHEN 0 THEN started_at ELSE started_at + (coalesce(ended_at, $1::timestamptz) - started_at) / 2 END,
              'ACTIVE', (CASE kind WHEN 'MONTH' THEN 'MONTH' ELSE 'YEAR' END)::"BillingInterval",
              CASE WHEN v = 0 AND i % 50 = 0 THEN amount * 2 ELSE amount END, currency, false
         FROM life CROSS JOIN LATERAL generate_series(0, CASE WHEN i % 50 = 0 THEN 1 ELSE 0 END) AS hist (v)
        WHERE kind <> 'ONCE' AND status <> 'INCOMPLETE_EXPIRED'
        ORDER BY 3`,
      [now],
    );
    // One row per payment; its outcome from a hash of (supporter, period).
    await client.query(`
      INSERT INTO "Payment" (id, "stripeId", "stripePaymentIntentId", "supporterId", "membershipId", kind, status, amount, "amountRefunded",
                             currency, "paidAt", "failureMessage", "receiptUrl", "createdAt", "updatedAt")
      SELECT 'bpay_' || i || '_' || k,
             CASE WHEN kind = 'ONCE' THEN 'pi_bench_' || i || '_' || k ELSE 'in_bench_' || i || '_' || k END,
             CASE WHEN kind = 'ONCE' THEN 'pi_bench_' || i || '_' || k ELSE 'pi_bench_' || i || '_r' || k END,
             'bsup_' || i,
             CASE WHEN kind = 'ONCE' THEN NULL ELSE 'bmem_' || i END,
             (CASE WHEN kind = 'ONCE' THEN 'ONE_TIME' ELSE 'RECURRING' END)::"PaymentKind",
             outcome::"PaymentStatus", amount,
             CASE outcome WHEN 'REFUNDED' THEN amount WHEN 'PARTIALLY_REFUNDED' THEN amount / 2 ELSE 0 END,
             currency,
             CASE WHEN outcome = 'FAILED' THEN NULL ELSE at END,
             CASE WHEN outcome = 'FAILED' THEN 'Your card was declined.' END,
             CASE WHEN outcome = 'FAILED' THEN NULL ELSE 'https://pay.stripe.com/receipts/bench/' || i || '_' || k END,
             at, at
        FROM (
          SELECT life.*, k, started_at + k * step AS at,
                 CASE
                   WHEN status = 'INCOMPLETE_EXPIRED' THEN 'FAILED'
                   WHEN k = n - 1 AND (status = 'PAST_DUE' OR (status = 'CANCELED' AND involuntary)) THEN 'FAILED'
                   WHEN kind = 'ONCE' AND h < 0.04 THEN 'FAILED'
                   WHEN h > 0.98 THEN 'REFUNDED'
                   WHEN h > 0.97 THEN 'PARTIALLY_REFUNDED'
                   ELSE 'SUCCEEDED'
                 END AS outcome
            FROM life
            CROSS JOIN LATERAL generate_series(0, n - 1) AS k
            CROSS JOIN LATERAL (SELECT (hashint8extended(i * 64 + k, 7) & 1048575)::float8 / 1048576 AS h) AS o
        ) AS rows
       ORDER BY rows.at`);
    // The refunds behind amountRefunded, as charge.refunded would have recorded them.
    await client.query(
      `INSERT INTO "Refund" (id, "stripeRefundId", "paymentId", amount, currency, status, "createdAt", "updatedAt")
       SELECT id, "stripeRefundId", "paymentId", amount, currency, status, t, t FROM (
         SELECT 'bref_' || substr(p.id, 6) AS id, 're_bench_' || substr(p.id, 6) AS "stripeRefundId", p.id AS "paymentId",
                p."amountRefunded" AS amount, p.currency, 'succeeded' AS status,
                least(p."paidAt" + ((hashtext(p.id) & 1048575)::float8 / 1048576) * interval '60 days', $1::timestamptz) AS t
           FROM "Payment" p WHERE p."amountRefunded" > 0
         UNION ALL
         SELECT 'breff_' || substr(p.id, 6), 're_bench_failed_' || substr(p.id, 6), p.id, p.amount - p."amountRefunded", p.currency, 'failed',
                least(p."paidAt" + ((hashtext(p.id || 'g') & 1048575)::float8 / 1048576) * interval '60 days', $1::timestamptz)
           FROM "Payment" p WHERE p.status = 'PARTIALLY_REFUNDED' AND (hashtext(p.id || 'f') & 1023) < 205
       ) AS refunds
       ORDER BY t`,
      [now],
    );
    // Disputes of one collected payment in 500, as charge.dispute.* would have recorded them: opened 5–55 days
    // after it was paid, closed 30 days later (lost two times in three, else won), or still under review if that
    // is after now; none opened after now.
    await client.query(
      `INSERT INTO "Dispute" (id, "stripeDisputeId", "paymentId", amount, currency, status, reason, "createdAt", "closedAt", "lostAt", "stateAt", "updatedAt")
       SELECT 'bdp_' || substr(id, 6), 'dp_bench_' || substr(id, 6), id, amount, currency, status, 'fraudulent', opened,
              CASE WHEN status = 'under_review' THEN NULL ELSE closes END, CASE WHEN status = 'lost' THEN closes END,
              CASE WHEN status = 'under_review' THEN opened ELSE closes END, opened
         FROM (SELECT p.id, p.amount, p.currency, o.opened, o.opened + interval '30 days' AS closes,
                      CASE WHEN o.opened + interval '30 days' > $1 THEN 'under_review' WHEN (hashtext(p.id || 'w') & 3) = 0 THEN 'won' ELSE 'lost' END AS status
                 FROM "Payment" p
                CROSS JOIN LATERAL (SELECT p."paidAt" + (5 + ((hashtext(p.id || 'o') & 1023)::float8 / 1024) * 50) * interval '1 day' AS opened) AS o
                WHERE p."paidAt" IS NOT NULL AND (hashtext(p.id || 'd') & 511) = 0 AND o.opened <= $1) AS d
        ORDER BY opened`,
      [now],
    );
    await client.query("COMMIT");
    await client.query(
      `ANALYZE "Supporter"; ANALYZE "StripeCustomer"; ANALYZE "Membership"; ANALYZE "MembershipChange"; ANALYZE "MembershipAmountVaries"; ANALYZE "Payment"; ANALYZE "Refund"; ANALYZE "Dispute"`,
    );
    const counts = await client.query<{ s: string; p: string; m: string }>(
      `SELECT (SELECT count(*) FROM "Supporter") AS s, (SELECT count(*) FROM "Payment") AS p, (SELECT count(*) FROM "Membership") AS m`,
    );
    const row = counts.rows[0]!;
    return {
      supporters: Number(row.s),
      payments: Number(row.p),
      memberships: Number(row.m),
      seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

/** Checks the invariants above on the seeded data; returns the violations (none expected). */
export async function checkLargeSeed(url: string, now: Date): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const checks: Record<string, string> = {
      "failed payments have no paidAt": `SELECT count(*) FROM "Payment" WHERE status = 'FAILED' AND "paidAt" IS NOT NULL`,
      "collected payments have paidAt": `SELECT count(*) FROM "Payment" WHERE status <> 'FAILED' AND "paidAt" IS NULL`,
      "refunds within amount": `SELECT count(*) FROM "Payment" WHERE "amountRefunded" < 0 OR "amountRefunded" > amount OR (status = 'REFUNDED') <> ("amountRefunded" = amount AND amount > 0)`,
      "recurring payments match their membership": `SELECT count(*) FROM "Payment" p LEFT JOIN "Membership" m ON m.id = p."membershipId" WHERE (p.kind = 'RECURRING') <> (m.id IS NOT NULL) OR (m.id IS NOT NULL AND (m.currency <> p.currency OR m.amount <> p.amount OR m."supporterId" <> p."supporterId"))`,
      "no payment in the future": `SELECT count(*) FROM "Payment" WHERE "createdAt" > $1`,
      "payments within their membership": `SELECT count(*) FROM "Payment" p JOIN "Membership" m ON m.id = p."membershipId" WHERE p."createdAt" < m."startedAt" OR p."createdAt" > coalesce(m."endedAt", $1)`,
      "ended memberships are CANCELED or expired, live ones not ended": `SELECT count(*) FROM "Membership" WHERE ("endedAt" IS NOT NULL) <> (status IN ('CANCELED', 'INCOMPLETE_EXPIRED'))`,
      "live memberships paid up to a future period end": `SELECT count(*) FROM "Membership" WHERE "endedAt" IS NULL AND "currentPeriodEnd" <= $1`,
      "cancel at period end only while live": `SELECT count(*) FROM "Membership" WHERE "cancelAtPeriodEnd" AND "endedAt" IS NOT NULL`,
      "counted refunds add up to amountRefunded": `SELECT count(*) FROM "Payment" p
         LEFT JOIN (SELECT "paymentId", sum(amount) AS s FROM "Refund" WHERE status IN ('pending', 'requires_action', 'succeeded') GROUP BY 1) r
           ON r."paymentId" = p.id
         WHERE p."amountRefunded" <> coalesce(r.s, 0)`,
      "refunds after their payment, before now, in its currency": `SELECT count(*) FROM "Refund" r JOIN "Payment" p ON p.id = r."paymentId"
         WHERE p."paidAt" IS NULL OR r."createdAt" < p."paidAt" OR r."createdAt" > $1 OR r.currency <> p.currency OR r.amount <= 0`,
      "disputes after their payment, in its currency, lost ones dated": `SELECT count(*) FROM "Dispute" d JOIN "Payment" p ON p.id = d."paymentId"
         WHERE p."paidAt" IS NULL OR d."createdAt" < p."paidAt" OR d."createdAt" > $1 OR d.currency <> p.currency OR (d.status = 'lost') <> (d."lostAt" IS NOT NULL)`,
      "every supporter has a customer": `SELECT count(*) FROM "Supporter" s WHERE s.id LIKE 'bsup_%' AND NOT EXISTS (SELECT 1 FROM "StripeCustomer" c WHERE c."supporterId" = s.id)`,
    };
    const out: string[] = [];
    for (const [name, sql] of Object.entries(checks)) {
      const n = Number(
        (await client.query<{ count: string }>(sql, sql.includes("$1") ? [now] : [])).rows[0]!
          .count,
      );
      if (n > 0) out.push(`${name}: ${n} rows`);
    }
    return out;
  } finally {
    await client.end();
  }
}
