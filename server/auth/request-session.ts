import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sessions, users } from "../../db/schema";
import type { SessionUser } from "./session-user";

/**
 * The signed-in user of an API request, read straight from the database session that Auth.js
 * wrote: one indexed lookup of the session cookie's token, refused once expired. API calls do
 * not extend a session; page loads, which still go through Auth.js, do.
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
