/**
 * Headers every answer carries: next.config.ts sets them on what Next.js serves, and
 * direct-routes.ts on what the server script answers without it. (The pages' Content-Security-
 * Policy is set per request, with a nonce, by the server script: content-security.ts.)
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};
