/** The signed-in person as every layer sees them: an id, an email, maybe a name. */
export interface SessionUser {
  id: string;
  email: string;
  name?: string | null;
}

/** The signed-in user from an Auth.js session, or null. */
export function sessionUser(
  session: { user?: { id?: string | null; email?: string | null; name?: string | null } } | null,
): SessionUser | null {
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return { id: user.id, email: user.email, name: user.name ?? null };
}
