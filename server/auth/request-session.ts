import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sessions, users } from "../../db/schema";
import { SESSION_MAX_AGE_S } from "./session-cookie";
import type { SessionUser } from "./session-user";

/**
 * The signed-in user of an API request, read straight from the database session that Auth.js
 * wrote: one indexed lookup of the session cookie's token, refused once expired. API calls do
 * not extend a session; page loads do (`pageSessionUser` below).
 */
export async function requestSessionUser(db: Db, token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, token), gt(sessions.expires, sql`now()`)));
  return row ?? null;
}

/** How often a page view pushes its session's expiry back (Auth.js's `updateAge`, its default). */
export const SESSION_UPDATE_AGE_S = 24 * 60 * 60;

/**
 * The signed-in user of a page view, read from the database session its cookie names, with what
 * Auth.js's session action does on the way (`@auth/core`, database strategy): an expired session
 * is deleted and reads as nobody; a session whose expiry was last pushed more than a day ago is
 * given its full lifetime again. Pages read it here rather than through Auth.js's `auth()`, which
 * builds the whole sign-in configuration and a web request for each page view (about a
 * millisecond of CPU) to answer the same. `tests/integration/email-sign-in.test.ts` checks both
 * give the same user and leave the same expiry. Signing in and out still go through Auth.js.
 */
export async function pageSessionUser(
  db: Db,
  token: string | undefined,
  now = Date.now(),
): Promise<SessionUser | null> {
  if (!token) return null;
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, expires: sessions.expires })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.sessionToken, token));
  if (!row) return null;
  const expires = row.expires.getTime();
  if (expires < now) {
    await db.delete(sessions).where(eq(sessions.sessionToken, token));
    return null;
  }
  if (expires - SESSION_MAX_AGE_S * 1000 + SESSION_UPDATE_AGE_S * 1000 <= now) {
    await db
      .update(sessions)
      .set({ expires: new Date(now + SESSION_MAX_AGE_S * 1000) })
      .where(eq(sessions.sessionToken, token));
  }
  return { id: row.id, email: row.email, name: row.name };
}
