import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { AuthConfig } from "@auth/core";
import type { EmailConfig } from "@auth/core/providers/email";
import type { Db } from "../../db/client";
import { accounts, sessions, users, verificationTokens } from "../../db/schema";
import { localeFromHeaders } from "../../messages/locales";
import { translator } from "../i18n/translate";
import type { Logger } from "../log";
import { allowSignInEmail } from "../services/auth/rate-limit";
import { linkEmailHtml, type Mailer } from "../services/mail/mailer";
import { SESSION_MAX_AGE_S, sessionCookieName } from "./session-cookie";

export const SIGN_IN_LINK_MAX_AGE_S = 24 * 60 * 60;

export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}

export interface AuthDeps {
  db: Db;
  mailer: Mailer;
  log: Logger;
  secret: string;
  appUrl: string;
  emailFrom: string;
  /** Headers of the request being served, when known (the sign-in rate limit keys on its IP). */
  headers?: Headers;
}

/**
 * Auth.js configuration: email links only, database sessions (revocable), the drizzle
 * adapter on our own tables. Free of Next.js imports so tests can drive it with @auth/core.
 */
export function authConfig(deps: AuthDeps): AuthConfig {
  const email: EmailConfig = {
    id: "email",
    type: "email",
    name: "Email",
    from: deps.emailFrom,
    maxAge: SIGN_IN_LINK_MAX_AGE_S,
    async sendVerificationRequest({ identifier, url, request }) {
      const t = translator(localeFromHeaders(request.headers));
      await deps.mailer.send({
        to: identifier,
        subject: t("emails.signIn.subject"),
        text: `${t("emails.signIn.body")}\n\n${url}\n\n${t("emails.signIn.footer")}`,
        html: linkEmailHtml({
          heading: t("emails.signIn.subject"),
          body: t("emails.signIn.body"),
          action: t("emails.signIn.action"),
          url,
          footer: t("emails.signIn.footer"),
        }),
      });
      deps.log.info({ to: identifier }, "sign-in link sent");
    },
  };

  return {
    adapter: DrizzleAdapter(deps.db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    } as never),
    providers: [email],
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_S },
    secret: deps.secret,
    trustHost: true,
    basePath: "/api/auth",
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    cookies: {
      sessionToken: {
        name: sessionCookieName(deps.appUrl),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: deps.appUrl.startsWith("https://") },
      },
    },
    callbacks: {
      /** Limits sign-in emails per address and per IP before any token is made. */
      async signIn({ user, email: emailStep }) {
        if (!emailStep?.verificationRequest || !user.email) return true;
        const allowed = await allowSignInEmail(deps.db, user.email, deps.headers ? clientIp(deps.headers) : null);
        if (!allowed) {
          deps.log.warn({ email: user.email }, "sign-in email rate limited");
          return "/signin?error=RateLimited";
        }
        return true;
      },
      session({ session, user }) {
        return { ...session, user: { ...session.user, id: user.id, email: user.email, name: user.name } };
      },
    },
    logger: {
      error: (error) => deps.log.error({ err: error }, "auth error"),
      warn: (code) => deps.log.warn({ code }, "auth warning"),
      debug: () => {},
    },
  };
}
