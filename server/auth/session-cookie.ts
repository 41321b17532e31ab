/** How long a session lasts after sign-in. */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** Session cookie name: fixed so demo sign-in and browser tests can set it; __Secure- on https. */
export function sessionCookieName(appUrl: string): string {
  return appUrl.startsWith("https://") ? "__Secure-maillage.session-token" : "maillage.session-token";
}
