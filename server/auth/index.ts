import "server-only";
import NextAuth from "next-auth";
import { headers } from "next/headers";
import { env } from "../../env";
import { logger } from "../log";
import { appDb, runtime } from "../runtime";
import { authConfig } from "./config";

/**
 * Auth.js for Next.js: its route handlers and the server actions' signIn/signOut. Pages and the
 * API read the session themselves (server/auth/request-session.ts).
 */
export const { handlers, signIn, signOut } = NextAuth(async (request) => {
  const config = env();
  return authConfig({
    db: await appDb(),
    mailer: runtime().mailer,
    log: logger(),
    secret: config.authSecret,
    appUrl: config.APP_URL,
    emailFrom: config.EMAIL_FROM,
    headers: request?.headers ?? (await headers()),
    proconnect: config.proconnect,
    oidc: config.oidc,
  }) as never;
});
