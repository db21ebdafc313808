import type { Adapter, AdapterAccount, AdapterUser } from "next-auth/adapters";
import type { Role } from "../../generated/prisma/enums";
import type { Db } from "../db";
import { normaliseEmail } from "../membership/supporters";

/**
 * next-auth's user is our Supporter: the reader who paid is the person who signs in, so there is no separate
 * User table to keep in step (and no rename of a model the webhooks write). Sessions are JWTs, so the adapter
 * only needs users, OAuth links (AuthAccount) and magic-link tokens (VerificationToken).
 */
export type AuthUser = AdapterUser & { role: Role; sessionVersion: number };

type SupporterRow = {
  id: string;
  email: string | null;
  name: string | null;
  emailVerified: Date | null;
  role: Role;
  sessionVersion: number;
};

function toUser(row: SupporterRow | null): AuthUser | null {
  if (!row || !row.email) return null; // a supporter we know only by a Stripe customer cannot sign in
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    emailVerified: row.emailVerified,
    role: row.role,
    sessionVersion: row.sessionVersion,
  };
}

const select = {
  id: true,
  email: true,
  name: true,
  emailVerified: true,
  role: true,
  sessionVersion: true,
} as const;

export function supporterAdapter(db: Db, adminEmails: readonly string[] = []): Adapter {
  const roleFor = (email: string): Role => (adminEmails.includes(email) ? "ADMIN" : "READER");
  return {
    async createUser(user: Omit<AdapterUser, "id">) {
      const email = normaliseEmail(user.email);
      if (!email) throw new Error("Cannot create a user without an email.");
      const row = await db.supporter.upsert({
        where: { email },
        create: {
          email,
          name: user.name ?? null,
          emailVerified: user.emailVerified ?? null,
          role: roleFor(email),
        },
        update: { emailVerified: user.emailVerified ?? undefined },
        select,
      });
      return toUser(row)!;
    },
    async getUser(id) {
      return toUser(await db.supporter.findUnique({ where: { id }, select }));
    },
    async getUserByEmail(email) {
      const normalised = normaliseEmail(email);
      return normalised
        ? toUser(await db.supporter.findUnique({ where: { email: normalised }, select }))
        : null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const account = await db.authAccount.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        select: { supporter: { select } },
      });
      return toUser(account?.supporter ?? null);
    },
    async updateUser(user) {
      const row = await db.supporter.update({
        where: { id: user.id },
        data: {
          ...(user.emailVerified !== undefined ? { emailVerified: user.emailVerified } : {}),
          ...(user.name ? { name: user.name } : {}),
        },
        select,
      });
      return toUser(row)!;
    },
    async linkAccount(account: AdapterAccount) {
      await db.authAccount.create({
        data: {
          supporterId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        },
      });
    },
    async unlinkAccount({
      provider,
      providerAccountId,
    }: Pick<AdapterAccount, "provider" | "providerAccountId">) {
      await db.authAccount.delete({
        where: { provider_providerAccountId: { provider, providerAccountId } },
      });
    },
    async createVerificationToken(token) {
      // A new link replaces the address's earlier ones (and any expired token goes with them): only the newest
      // mail signs in, and asking again and again leaves one row, not a pile of live tokens.
      const identifier = normaliseEmail(token.identifier) ?? token.identifier;
      const [, created] = await db.$transaction([
        db.verificationToken.deleteMany({
          where: { OR: [{ identifier }, { expires: { lt: new Date() } }] },
        }),
        db.verificationToken.create({ data: { ...token, identifier } }),
      ]);
      return created;
    },
    async useVerificationToken({ identifier, token }) {
      // deleteMany + return what was there: a token is spent exactly once, even by two clicks racing.
      const normalised = normaliseEmail(identifier) ?? identifier;
      const found = await db.verificationToken.findUnique({
        where: { identifier_token: { identifier: normalised, token } },
      });
      if (!found) return null;
      const { count } = await db.verificationToken.deleteMany({
        where: { identifier: normalised, token },
      });
      return count === 1 ? found : null;
    },
  };
}
