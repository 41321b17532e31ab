/** How long a session lasts after sign-in. */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/** Session cookie name: fixed so demo sign-in and browser tests can set it; __Secure- on https. */
export function sessionCookieName(appUrl: string): string {
  return appUrl.startsWith("https://") ? "__Secure-maillage.session-token" : "maillage.session-token";
}

/**
 * A cookie's value in a request's Cookie header, or null. A value that is not valid
 * percent-encoding is given as it came rather than failing the request.
 */
export function readCookie(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at <= 0 || part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}
