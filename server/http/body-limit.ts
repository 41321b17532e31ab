import { localeFromHeaders } from "../../messages/locales";
import { translateKey } from "../i18n/translate";

/** Largest body the API accepts: 1 MB; an import upload (base64 of a 15 MB file) up to 21 MB. */
export const API_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_BODY_LIMIT = 21 * 1024 * 1024;

/**
 * The body limit of a request, or null when the path is not the API's. Checked by scripts/serve.ts
 * on the declared length before Next.js reads a byte (it parsed 50 MB before refusing them).
 */
export function bodyLimitFor(path: string): number | null {
  if (path.startsWith("/api/trpc/"))
    return /^\/api\/trpc\/imports\.upload(\?|$)/.test(path) ? UPLOAD_BODY_LIMIT : API_BODY_LIMIT;
  if (path.startsWith("/api/v1/")) return API_BODY_LIMIT;
  return null;
}

/** The refusal of a body over the limit (413) or of a body without a declared length (411), in the caller's language. */
export function bodyRefusal(status: 411 | 413, acceptLanguage: string | undefined, limit: number) {
  const locale = localeFromHeaders(new Headers(acceptLanguage ? { "accept-language": acceptLanguage } : {}));
  const message = translateKey(locale, status === 413 ? "errors.http.tooLarge" : "errors.http.lengthRequired", {
    max: Math.round(limit / 1024 / 1024),
  });
  return {
    status,
    body: JSON.stringify({ error: { code: status === 413 ? "PAYLOAD_TOO_LARGE" : "LENGTH_REQUIRED", message } }),
  };
}
