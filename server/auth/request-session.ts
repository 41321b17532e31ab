import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sessions, users } from "../../db/schema";
import type { SessionUser } from "../trpc/init";
import { sessionCookieName } from "./session-cookie";

/** The value of one cookie in a Cookie header, or null (names are matched exactly). */
export function cookieValue(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

/**
 * The signed-in user of an API request, read straight from the database session that Auth.js
 * wrote: one indexed lookup of the session cookie, refused once expired. API calls do not
 * extend a session; page loads, which still go through Auth.js, do.
 */
export async function requestSessionUser(db: Db, headers: Headers, appUrl: string): Promise<SessionUser | null> {
  const token = cookieValue(headers.get("cookie"), sessionCookieName(appUrl));
  if (!token) return null;
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, token), gt(sessions.expires, sql`now()`)));
  return row ?? null;
}
