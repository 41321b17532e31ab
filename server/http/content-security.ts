import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/** Answers that are not pages: the API, build files, icons and the crawlers' files. */
const NOT_A_PAGE = /^\/(?:api\/|_next\/static|_next\/image|favicon\.ico|robots\.txt|sitemap\.xml)/;

/**
 * A page view's Content-Security-Policy, with a fresh nonce; null for what is not a page, and
 * for a router prefetch. The server script sets it on the request, where Next.js reads the nonce
 * and puts it on every script it renders, and on the answer. 'strict-dynamic' lets those scripts
 * load the app's chunks; no 'unsafe-inline' for scripts, so an injected <script> does not run.
 * Styles keep 'unsafe-inline' (React writes style attributes).
 *
 * Set by the server script rather than by a Next.js proxy (middleware): a proxy costs each page
 * about a millisecond of CPU to build its request and response objects, for one header.
 */
export function pagePolicy(url: string, headers: IncomingHttpHeaders, dev: boolean): string | null {
  if (NOT_A_PAGE.test(url)) return null;
  if (headers["next-router-prefetch"] !== undefined || headers.purpose === "prefetch") return null;
  const nonce = Buffer.from(randomUUID()).toString("base64");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The network view's layout (ForceAtlas2) runs in a worker its library starts from a blob URL.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
