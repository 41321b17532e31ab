import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { AuthConfig } from "@auth/core";
import type { Adapter } from "@auth/core/adapters";
import type { Provider } from "@auth/core/providers";
import type { EmailConfig } from "@auth/core/providers/email";
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { OidcSettings } from "../../env";
import { accounts, sessions, users, verificationTokens } from "../../db/schema";
import { localeFromHeaders } from "../../messages/locales";
import { CLIENT_IP_HEADER } from "../http/client-address";
import { translator } from "../i18n/translate";
import type { Logger } from "../log";
import { recordIdentityAssertion } from "./identity-assertions";
import { allowSignInEmail } from "./rate-limit";
import { linkEmailHtml, type Mailer } from "../services/mail/mailer";
import { emailIsVerified, genericOidcProvider, idTokenClaims, noteAuthError, proconnectProvider } from "./oidc";
import { readCookie, SESSION_MAX_AGE_S, sessionCookieName } from "./session-cookie";

export const SIGN_IN_LINK_MAX_AGE_S = 24 * 60 * 60;

/**
 * The client's address as the app's server established it (scripts/serve.ts: the socket's peer,
 * or what TRUSTED_PROXIES forwarded), never a header the client wrote.
 */
export function clientIp(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER) || null;
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
  /** ProConnect sign-in, when configured. */
  proconnect?: OidcSettings | null;
  /** The generic OpenID Connect sign-in, when configured. */
  oidc?: OidcSettings | null;
  /** What the app uses to reach the OpenID providers (tests tamper with answers through it). */
  fetch?: typeof fetch;
}

/**
 * Auth.js configuration: email links, ProConnect and a generic OpenID provider when configured,
 * database sessions (revocable), the drizzle adapter on our own tables. Free of Next.js imports
 * so tests can drive it with @auth/core. Built once per request (Next.js calls it with the
 * request), so the state kept between the callbacks below belongs to one sign-in.
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

  const providers: Provider[] = [email];
  if (deps.proconnect) providers.push(proconnectProvider(deps.proconnect, deps.fetch));
  if (deps.oidc) providers.push(genericOidcProvider(deps.oidc, deps.fetch));

  // An OpenID sign-in keeps its provider and ID token on the session it opens, for sign-out.
  let openedWith: { provider: string; idToken: string | null } | null = null;
  let createdSession: string | null = null;
  const base = DrizzleAdapter(deps.db, {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  } as never) as Adapter;
  const adapter: Adapter = {
    ...base,
    async createSession(session) {
      createdSession = session.sessionToken;
      return base.createSession!(
        openedWith
          ? ({ ...session, identityProvider: openedWith.provider, idToken: openedWith.idToken } as typeof session)
          : session,
      );
    },
  };

  return {
    adapter,
    providers,
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
      async signIn({ user, account, profile, email: emailStep }) {
        if (account?.type === "oidc") {
          // Accounts are linked and created by email address: only an address the provider vouches for.
          if (!emailIsVerified(account.provider, profile as { email?: unknown; email_verified?: unknown })) {
            deps.log.warn({ provider: account.provider }, "OpenID sign-in refused: email not verified");
            return "/signin?error=OidcRefused&reason=email";
          }
          openedWith = { provider: account.provider, idToken: account.id_token ?? null };
          return true;
        }
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
    events: {
      /**
       * After an OpenID sign-in: the session (new, or the one already open when a signed-in user
       * links ProConnect) keeps the ID token for sign-out, and what ProConnect said about the
       * user is recorded, which verifies the workspaces they administer for that SIREN.
       */
      async signIn({ user, account, profile }) {
        if (account?.type !== "oidc" || !user.id) return;
        const cookieToken = deps.headers ? readCookie(deps.headers, sessionCookieName(deps.appUrl)) : null;
        const tokens = [createdSession, cookieToken].filter((t): t is string => Boolean(t));
        if (tokens.length > 0) {
          await deps.db
            .update(sessions)
            .set({ identityProvider: account.provider, idToken: account.id_token ?? null })
            .where(and(eq(sessions.userId, user.id), inArray(sessions.sessionToken, tokens)));
        }
        const claims = idTokenClaims(account.id_token);
        const said = profile as { email?: string; siret?: string } | undefined;
        await recordIdentityAssertion(deps.db, deps.log, {
          userId: user.id,
          provider: account.provider,
          subject: account.providerAccountId,
          email: said?.email ?? null,
          siret: account.provider === "proconnect" ? (said?.siret ?? null) : null,
          acr: claims.acr ?? null,
        });
      },
    },
    logger: {
      error: (error) => {
        noteAuthError(error);
        deps.log.error({ err: error }, "auth error");
      },
      warn: (code) => deps.log.warn({ code }, "auth warning"),
      debug: () => {},
    },
  };
}
