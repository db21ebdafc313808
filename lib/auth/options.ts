import type { NextAuthOptions } from "next-auth";
import EmailProvider from "next-auth/providers/email";
import GoogleProvider from "next-auth/providers/google";
import { cookies } from "next/headers";
import { z } from "zod";
import type { Role } from "../../generated/prisma/enums";
import { attachBrowserToReader } from "../ask/attach-browser";
import { db } from "../db";
import { env } from "../env";
import { DEFAULT_LOCALE, localeOfRequest, type Locale } from "../i18n/locale";
import { normaliseEmail } from "../membership/supporters";
import { sendMail } from "../mail/send-mail";
import { describeError, redact } from "../security/redact";
import { supporterAdapter, type AuthUser } from "./adapter";
import { confirmationUrl, signInMail } from "./magic-link";
import { bumpSessionVersion, endSessions } from "./session-version";

const signInEmail = z.email().max(254);

/**
 * The address typed on the sign-in form, checked as every other boundary is: next-auth's own check lets
 * "<script>@x.y" or a NUL through to the database and the mailer. Throwing makes next-auth answer with its
 * "EmailSignin" error page and store nothing.
 */
function normaliseSignInEmail(identifier: unknown): string {
  const email = typeof identifier === "string" ? normaliseEmail(identifier) : null;
  if (!email || !signInEmail.safeParse(email).success) throw new Error("Invalid email address.");
  return email;
}

/**
 * next-auth's default logger prints whole error objects (a refused recipient, a query's arguments): ours keeps
 * the code and a redacted message. (Setting a logger also enables next-auth's client log endpoint, /_log, which
 * lib/auth/guard-request refuses: nothing in our pages uses it.)
 */
const logger: NextAuthOptions["logger"] = {
  error: (code, metadata) => {
    const error =
      metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
    console.error(
      `[next-auth][error][${redact(String(code)).slice(0, 64)}] ${error ? describeError(error) : ""}`,
    );
  },
  warn: (code) => console.warn(`[next-auth][warn][${redact(String(code)).slice(0, 64)}]`),
  debug: () => {},
};

/** Whether an address may get a working link: a known supporter (incl. invited staff) or a configured admin. */
async function isKnown(email: string): Promise<boolean> {
  if (env().adminEmails.includes(email)) return true;
  return (await db.supporter.count({ where: { email } })) > 0;
}

/** Promotes ADMIN_EMAILS on sign-in (a role change: older sessions end); returns what the token carries. */
async function effectiveRole(user: AuthUser): Promise<{ role: Role; sessionVersion: number }> {
  const email = normaliseEmail(user.email);
  const role = user.role ?? "READER";
  if (email && env().adminEmails.includes(email) && role !== "ADMIN") {
    const row = await db.supporter.update({
      where: { id: user.id },
      data: { role: "ADMIN", ...bumpSessionVersion },
      select: { sessionVersion: true },
    });
    return { role: "ADMIN", sessionVersion: row.sessionVersion };
  }
  return { role, sessionVersion: user.sessionVersion ?? 0 };
}

/** Magic links by email, the mail written in `locale`. */
function emailProvider(locale: Locale) {
  const config = env();
  return EmailProvider({
    // Mail goes through lib/mail (SMTP from EMAIL_SERVER, or captured); next-auth's transport is unused.
    server: config.EMAIL_SERVER ?? "smtp://unused.invalid",
    from: config.emailFrom,
    maxAge: 24 * 60 * 60,
    normalizeIdentifier: normaliseSignInEmail,
    async sendVerificationRequest({ identifier, url }) {
      const email = normaliseEmail(identifier)!;
      await sendMail(
        signInMail({
          to: email,
          url: confirmationUrl(config.APP_URL, url),
          publication: config.PUBLICATION_NAME,
          known: await isKnown(email),
          locale,
        }),
      );
    },
  });
}

/**
 * The options for one request to next-auth: the sign-in mail in the language the sign-in page was in (its
 * `locale` cookie, else Accept-Language: the same choice as i18n/request.ts).
 */
export function withSignInMailLocale(options: NextAuthOptions, request: Request): NextAuthOptions {
  const locale = localeOfRequest(request.headers);
  if (locale === DEFAULT_LOCALE) return options;
  return {
    ...options,
    providers: options.providers.map((provider) =>
      provider.id === "email" ? emailProvider(locale) : provider,
    ),
  };
}

function buildOptions(): NextAuthOptions {
  const config = env();
  // next-auth builds its own URLs (the magic link) from NEXTAUTH_URL; APP_URL is the one setting for both.
  process.env.NEXTAUTH_URL ??= config.APP_URL;
  const providers: NextAuthOptions["providers"] = [emailProvider(DEFAULT_LOCALE)];
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET) {
    // Google verifies addresses, and supporters exist (from Stripe) before any sign-in: link by email.
    providers.push(
      GoogleProvider({
        clientId: config.GOOGLE_CLIENT_ID,
        clientSecret: config.GOOGLE_CLIENT_SECRET,
        allowDangerousEmailAccountLinking: true,
      }),
    );
  }
  return {
    secret: config.authSecret,
    logger,
    adapter: supporterAdapter(db, config.adminEmails),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    providers,
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    events: {
      // The browser's "remind me later" and supporter status follow the person from now on.
      async signIn({ user }) {
        await attachBrowserToReader(await cookies(), user.id);
      },
      // Signing out ends the session for good, not just in this browser's cookie jar (lib/auth/session-version).
      async signOut({ token }) {
        if (token?.sub) await endSessions(db, token.sub);
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const { role, sessionVersion } = await effectiveRole(user as AuthUser);
          token.sub = user.id;
          token.role = role;
          token.sv = sessionVersion;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) {
          session.user.id = token.sub;
          session.user.role = (token.role as Role | undefined) ?? "READER";
          session.user.sessionVersion = token.sv ?? 0;
        }
        return session;
      },
      // Same-site redirects only.
      async redirect({ url, baseUrl }) {
        if (url.startsWith("/")) return `${baseUrl}${url}`;
        return new URL(url).origin === baseUrl ? url : baseUrl;
      },
    },
  };
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= buildOptions();
  return cached;
}
