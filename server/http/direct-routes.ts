import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { acceptsGzip } from "./public-pages";
import { SECURITY_HEADERS } from "./security-headers";

/**
 * Route handlers that the server script (scripts/serve.ts) may call without Next.js's router.
 *
 * The tRPC route (`app/api/trpc/[trpc]/route.ts`) registers its handler here when Next.js first
 * loads it; from then on the server hands `/api/trpc/…` straight to it. The handler is the
 * production bundle's own (the same code Next.js would call), but the request skips Next.js's
 * routing, its route-module wrapper and its response plumbing: about 4 ms of CPU of the 7 that
 * a call that does nothing cost (BENCHMARKS.md, issue 27's "Third pass").
 *
 * What Next.js added to those answers is added here: the security headers of next.config.ts and
 * gzip for a client that accepts it. The handler must not use Next.js's request APIs (`headers()`,
 * `cookies()`): it gets a plain `Request`.
 */
export type DirectHandler = (request: Request) => Promise<Response>;

type Holder = typeof globalThis & { __maillageDirectRoutes?: Map<string, DirectHandler> };
const holder = globalThis as Holder;

/** Registers the handler of every path that starts with `prefix` (e.g. "/api/trpc/"). */
export function registerDirectRoute(prefix: string, handler: DirectHandler) {
  (holder.__maillageDirectRoutes ??= new Map()).set(prefix, handler);
}

/** The handler registered for this request's path, if any. */
export function directRouteFor(url: string): DirectHandler | null {
  const routes = holder.__maillageDirectRoutes;
  if (!routes) return null;
  for (const [prefix, handler] of routes) if (url.startsWith(prefix)) return handler;
  return null;
}

/** Below this size a body is sent as it is: gzip would cost more than it saves. */
const GZIP_FROM_BYTES = 1024;

/** The request's absolute address; a Host header that makes no address is replaced by localhost. */
export function requestUrl(host: string | undefined, path: string | undefined): string {
  try {
    return new URL(`http://${host ?? "localhost"}${path ?? "/"}`).href;
  } catch {
    return new URL(`http://localhost${path ?? "/"}`).href;
  }
}

/** Calls `handler` with the node request as a fetch Request, and writes its Response to `res`. */
export async function serveDirect(handler: DirectHandler, req: IncomingMessage, res: ServerResponse) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const request = new Request(requestUrl(req.headers.host, req.url), {
    method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
  const response = await handler(request);
  const body = method === "HEAD" || !response.body ? null : Buffer.from(await response.arrayBuffer());
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie" && name !== "content-length") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  // Says which path answered (as x-maillage-page does for kept pages), for the tests and the curious.
  res.setHeader("x-maillage-route", "direct");
  const vary = response.headers.get("vary");
  res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
  if (body && body.byteLength >= GZIP_FROM_BYTES && acceptsGzip(req.headers["accept-encoding"])) {
    const gzipped = gzipSync(body, { level: 6 });
    res.setHeader("content-encoding", "gzip");
    res.setHeader("content-length", String(gzipped.byteLength));
    res.writeHead(response.status).end(gzipped);
    return;
  }
  if (body) res.setHeader("content-length", String(body.byteLength));
  res.writeHead(response.status).end(body ?? undefined);
}
