import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client";
import { eq } from "drizzle-orm";
import { sessions, users } from "../../db/schema";
import { DEMO_PERSONAS } from "../../domain/demo";
import { SESSION_MAX_AGE_S } from "./session-cookie";

/**
 * Opens a database session for a user, as Auth.js does after an email link: used by demo
 * sign-in (demo mode only) and by browser tests. Returns the cookie value.
 */
export async function createSession(db: Db, userId: string): Promise<{ sessionToken: string; expires: Date }> {
  const sessionToken = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + SESSION_MAX_AGE_S * 1000);
  await db.insert(sessions).values({ sessionToken, userId, expires });
  return { sessionToken, expires };
}

/** Opens a session for one of the seeded demo personas; null when that persona is not in the database. */
export async function createDemoSession(db: Db, personaKey: string) {
  const persona = DEMO_PERSONAS.find((p) => p.key === personaKey);
  if (!persona) return null;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, persona.email));
  if (!user) return null;
  return { ...(await createSession(db, user.id)), workspaceSlug: persona.workspace };
}

/** The OpenID provider a session was opened with and its ID token (for sign-out), or null. */
export async function sessionProvider(
  db: Db,
  sessionToken: string,
): Promise<{ provider: string | null; idToken: string | null } | null> {
  const [row] = await db
    .select({ provider: sessions.identityProvider, idToken: sessions.idToken })
    .from(sessions)
    .where(eq(sessions.sessionToken, sessionToken));
  return row ?? null;
}
