import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { localeFromHeaders, type Locale } from "../../messages/locales";

/**
 * The observatory's pages as an anonymous visitor sees them, rendered once per language and per
 * computation of the figures, then answered from memory by the HTTP server (scripts/serve.ts)
 * without going through Next.js.
 *
 * Why it is safe to keep them:
 * - Only what is made of the published figures alone: the observatory's pages, its map, its
 *   état des lieux, and the open-data files (KEPT below).
 * - Only for a request carrying no session cookie. A signed-in visitor's header names them, so
 *   their page is rendered for them as before.
 * - An entry is keyed by path, language, and the date of the figures
 *   (`observatory_refreshes.refreshed_at`, read from the database at most once a second: the
 *   read is a transaction, half the cost of answering a kept page). A new computation, by this
 *   process or another, makes every entry stale at once: a page shows the figures of the
 *   database as they were a second ago at worst.
 * - The page's Content-Security-Policy is kept with it. Every anonymous visitor then gets the
 *   same script nonce until the figures change. The nonce guards against markup injected into a
 *   page; these pages carry nothing a visitor wrote, so the same document for everyone is what a
 *   static page with script hashes would be.
 */

/**
 * What is kept: the observatory's pages (France, a région, a goal, the data dictionary) asked
 * without a query string; its map, its état des lieux and its open-data files with theirs (each
 * query string its own entry; whatever they do not accept is refused with 400 and not kept).
 */
const KEPT = new RegExp(
  [
    String.raw`^/observatoire(?:/regions/\d{2,3}|/odd/(?:[1-9]|1[0-7])|/donnees)?$`,
    String.raw`^/(?:observatoire/carte|observatoire/etat-des-lieux|api/observatoire(?:/[a-z_]{1,30})?)(?:\?[\w=&.%-]{0,200})?$`,
  ].join("|"),
);
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?maillage\.session-token=/;

export interface PageRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The language a request's kept page is in, or null when this request is rendered as usual. */
export function keptPageLocale(request: PageRequest, renderHeader: string): Locale | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (!request.url || !KEPT.test(request.url)) return null;
  if (request.headers[renderHeader] !== undefined) return null;
  const cookie = request.headers.cookie;
  const cookies = Array.isArray(cookie) ? cookie.join("; ") : (cookie ?? "");
  if (SESSION_COOKIE.test(cookies)) return null;
  const headers = new Headers();
  if (cookies) headers.set("cookie", cookies);
  const language = request.headers["accept-language"];
  if (typeof language === "string") headers.set("accept-language", language);
  return localeFromHeaders(headers);
}

/** A page as its render answered. */
export interface RenderedPage {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** A page as it is kept and answered. */
export interface KeptPage {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The body compressed, for a text. */
  gzip: Buffer | null;
}

/** Headers of the render that are not passed on: the connection's own, and those set per answer below. */
const NOT_KEPT = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
  "date",
  "set-cookie",
]);

/** Only a page that exists (200) or that does not (404), and that gives no cookie, is kept. */
function keepable(page: RenderedPage) {
  return (page.status === 200 || page.status === 404) && !page.headers.has("set-cookie");
}

function keep(page: RenderedPage): KeptPage {
  const headers: Record<string, string> = {};
  page.headers.forEach((value, name) => {
    if (!NOT_KEPT.has(name)) headers[name] = value;
  });
  // A file keeps the validators its route gave it; a page, rendered per request by Next.js, gets
  // some: anyone may keep it as long as they ask again (the figures change on the hour).
  headers.etag ??= `"${createHash("sha1").update(page.body).digest("base64url")}"`;
  if (!headers["cache-control"] || /private|no-store/.test(headers["cache-control"]))
    headers["cache-control"] = "public, max-age=0, must-revalidate";
  headers.vary = [headers.vary, "Cookie, Accept-Language, Accept-Encoding"].filter(Boolean).join(", ");
  // Text is sent compressed to whoever accepts it; a PDF is compressed already.
  const text = /^(?:text\/|application\/json|image\/svg)/.test(headers["content-type"] ?? "");
  return { status: page.status, headers, body: page.body, gzip: text ? gzipSync(page.body) : null };
}

export class PublicPages {
  private readonly pages = new Map<string, KeptPage>();
  private readonly rendering = new Map<string, Promise<KeptPage | RenderedPage>>();
  private stampAsked: Promise<string | null> | null = null;
  private stampRead: { at: number; stamp: string | null } | null = null;
  private stampOfPages: string | null = null;

  constructor(
    private readonly options: {
      /** The date of the figures now in the database (null before the first computation). */
      stamp: () => Promise<string | null>;
      /** The page rendered by the app, as an anonymous visitor in this language would get it. */
      render: (path: string, locale: Locale) => Promise<RenderedPage>;
      /** How many pages are kept at most (18 régions, overseas, 17 goals, 2 pages, 2 languages fit). */
      max?: number;
      /** How long a read of the figures' date stands (ms). */
      stampMaxAgeMs?: number;
    },
  ) {}

  /** The figures' date: read again once the last read is older than stampMaxAgeMs, once for all the requests that arrive meanwhile. */
  private async currentStamp() {
    const read = this.stampRead;
    if (read && performance.now() - read.at < (this.options.stampMaxAgeMs ?? 1_000)) return read.stamp;
    this.stampAsked ??= this.options
      .stamp()
      .then((stamp) => {
        this.stampRead = { at: performance.now(), stamp };
        return stamp;
      })
      .finally(() => (this.stampAsked = null));
    return this.stampAsked;
  }

  /**
   * The page to answer, and whether it was already kept. A render that cannot be kept (an error)
   * is answered as it came and not kept.
   */
  async page(path: string, locale: Locale): Promise<{ page: KeptPage | RenderedPage; kept: boolean }> {
    const stamp = await this.currentStamp();
    if (stamp !== this.stampOfPages) {
      // New figures: every page kept so far shows the old ones.
      this.pages.clear();
      this.stampOfPages = stamp;
    }
    const key = `${stamp}\u0000${locale}\u0000${path}`;
    const kept = this.pages.get(key);
    if (kept) return { page: kept, kept: true };
    let pending = this.rendering.get(key);
    if (!pending) {
      pending = this.options
        .render(path, locale)
        .then((rendered) => {
          if (!keepable(rendered)) return rendered;
          const page = keep(rendered);
          // Kept only if the figures did not change meanwhile.
          if (this.stampOfPages === stamp) {
            const max = this.options.max ?? 200;
            if (this.pages.size >= max) this.pages.delete(this.pages.keys().next().value!);
            this.pages.set(key, page);
          }
          return page;
        })
        .finally(() => this.rendering.delete(key));
      this.rendering.set(key, pending);
    }
    return { page: await pending, kept: false };
  }

  get size() {
    return this.pages.size;
  }
}

/** Whether an Accept-Encoding header allows gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [coding, ...parameters] = part.trim().toLowerCase().split(";");
    if (coding!.trim() !== "gzip" && coding!.trim() !== "*") return false;
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Whether a kept page is to be answered gzip-compressed, and whether the asker already has it. */
export function answerOf(
  page: KeptPage,
  request: PageRequest,
): { status: number; headers: Record<string, string>; body: Buffer | null } {
  const match = request.headers["if-none-match"];
  if (page.status === 200 && typeof match === "string" && match.split(/\s*,\s*/).includes(page.headers.etag!))
    return {
      status: 304,
      headers: { etag: page.headers.etag!, "cache-control": page.headers["cache-control"]! },
      body: null,
    };
  const gzip = page.gzip !== null && acceptsGzip(request.headers["accept-encoding"]);
  const body = gzip ? page.gzip! : page.body;
  const headers: Record<string, string> = { ...page.headers, "content-length": String(body.byteLength) };
  if (gzip) headers["content-encoding"] = "gzip";
  return { status: page.status, headers, body: request.method === "HEAD" ? null : body };
}
