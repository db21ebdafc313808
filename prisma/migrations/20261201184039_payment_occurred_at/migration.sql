-- When the money moved: what the payments list sorts, filters, pages and exports by (and shows). A stored
-- generated column, so every writer (webhooks, seed, tests) gets it right. Prisma sees it as a column with a
-- database default (schema.prisma says dbgenerated with the same expression), so the drift check stays clean.
-- Adding it rewrites the table once, filling in every existing row.
ALTER TABLE "Payment" ADD COLUMN "occurredAt" TIMESTAMPTZ(3) NOT NULL GENERATED ALWAYS AS (COALESCE("paidAt", "createdAt")) STORED;

-- The list's keyset order (occurredAt, id), read in both directions, and its from/to range.
CREATE INDEX "Payment_occurredAt_id_idx" ON "Payment"("occurredAt", "id");
