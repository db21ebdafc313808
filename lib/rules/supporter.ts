import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { Role } from "../../generated/prisma/enums";
import { inList } from "./sql-list";

/**
 * Who is a supporter in the staff lists, their counts and exports. A reader is one from the moment we know of
 * them (a sign-in, a "remind me later", a checkout started): the list has always shown those, and "0 gifts" is
 * true of them and useful (people to win). Staff and admins are rows of the same table only so they can sign in:
 * one who never gave (no payment and no membership of any status) is not a supporter; one who gave is, like any
 * reader who did.
 */
export const ROLES_LISTED_WITHOUT_GIFTS = ["READER"] as const satisfies readonly Role[];

export const isListedSupporter = (role: Role, hasPaymentOrMembership: boolean): boolean =>
  hasPaymentOrMembership || (ROLES_LISTED_WITHOUT_GIFTS as readonly Role[]).includes(role);

/**
 * The same rule in SQL, given the role column and "has a payment or a membership" (EXISTS on the indexed
 * supporterId columns). The role test comes first: for readers, nearly every row, it decides without the EXISTS.
 */
export const listedSupporterSql = (
  role: Expression<Role>,
  hasPaymentOrMembership: Expression<SqlBool>,
): RawBuilder<SqlBool> =>
  sql<SqlBool>`(${inList(role, ROLES_LISTED_WITHOUT_GIFTS)} OR ${hasPaymentOrMembership})`;
