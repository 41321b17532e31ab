/**
 * The app's HTTP server: Next.js's request handler (the production build, or `--dev`) behind a
 * node:http server that this process owns, so that shutdown happens in one place.
 *
 * On SIGTERM or SIGINT: stop accepting connections and say `Connection: close` on every answer
 * still to come, close idle keep-alive connections, let requests in flight finish for up to
 * SHUTDOWN_GRACE_MS, close whatever connection is left, stop the background jobs, close the
 * database (PGlite removes its lock file), exit 0. `next start` has its own signal handler (it
 * exits 143 without waiting for the database), and the app had a second one that closed the pool
 * under requests still running: neither is installed any more.
 *
 *   node --import tsx scripts/serve.ts [--port 3000] [--hostname 0.0.0.0] [--dev]
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { backupErrorFile, backupRequestFile } from "../db/backup";
import { lockDataDir } from "../db/client";
import { env } from "../env";
import { bodyLimitFor, bodyRefusal } from "../server/http/body-limit";
import { CLIENT_IP_HEADER, clientAddress, parseTrustedProxies } from "../server/http/client-address";
import { pagePolicy } from "../server/http/content-security";
import { directRouteFor, serveDirect } from "../server/http/direct-routes";
import { answerOf, keptPageLocale, PublicPages, type KeptPage } from "../server/http/public-pages";
import { createMetrics, metricsAuthorized, routesOf } from "../server/http/metrics";
import { requestSpan, startTracing, stopTracing } from "../server/tracing";
import { SpanStatusCode } from "@opentelemetry/api";
import { INSTANCE_ID, logger } from "../server/log";
import { LOCALE_COOKIE } from "../messages/locales";
import type { RuntimeHolder } from "../server/runtime";

const { values: args } = parseArgs({
  options: {
    port: { type: "string", short: "p" },
    hostname: { type: "string", short: "H" },
    dev: { type: "boolean", default: false },
  },
});
const dev = args.dev === true;
if (!dev) (process.env as Record<string, string>).NODE_ENV = "production";

// `--port` stands for PORT, so that APP_URL, when it is not set, follows it too.
if (args.port) process.env.PORT = args.port;
const config = env();
const port = config.PORT;
const hostname = args.hostname;
const log = logger().child({ component: "server" });
const trustedProxies = parseTrustedProxies(config.TRUSTED_PROXIES);

// The embedded database serves one process: a second server on the same folder would answer
// 500 on every page. Refuse to start, as `npm start`'s preparation does.
// The lock is taken now, not at the first request (the database opens lazily), and the app takes
// it over when it opens the database in this same process.
// It is given back on every exit (a clean stop, Ctrl-C before the database ever opened, a fatal
// error), so no lock file with a dead process id stays behind.
if (!config.DATABASE_URL) {
  try {
    const release = lockDataDir(config.PGLITE_DIR);
    process.on("exit", release);
  } catch (error) {
    console.error(`${(error as Error).message} Or set DATABASE_URL.`);
    process.exit(1);
  }
}

// Tracing first, so that Next.js and the database client find the provider when they start
// (off unless OTEL_EXPORTER_OTLP_ENDPOINT is set; server/tracing.ts).
if (await startTracing({ instance: INSTANCE_ID }))
  log.info({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT }, "tracing: spans exported over OTLP");

const { default: next } = await import("next");
const app = next({ dev, dir: process.cwd(), port, hostname: hostname ?? "localhost" });
await app.prepare();
const handle = app.getRequestHandler();

// The observatory's pages for anonymous visitors, rendered once per language and per computation
// of the figures (server/http/public-pages.ts). A render is asked of this very server, with a
// header that makes it skip the kept pages. Not in development, where pages change as code does.
const RENDER_HEADER = "x-maillage-render";
const publicPages = dev
  ? null
  : new PublicPages({
      stamp: async () => {
        const date = await (globalThis as RuntimeHolder).__maillage!.figuresDate();
        return date ? date.toISOString() : null;
      },
      render: async (path, locale) => {
        const { address, family } = server.address() as AddressInfo;
        const host =
          address === "::" || address === "0.0.0.0" ? "127.0.0.1" : family === "IPv6" ? `[${address}]` : address;
        const response = await fetch(`http://${host}:${port}${path}`, {
          headers: {
            accept: "text/html",
            "accept-encoding": "identity",
            cookie: `${LOCALE_COOKIE}=${locale}`,
            [RENDER_HEADER]: "1",
          },
          redirect: "manual",
        });
        return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
      },
    });

/** Answers a kept public page; false when the request is to be rendered by Next.js as usual. */
async function answerPublicPage(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  // The figures' date is read through the app's database, which the first request opens.
  if (!publicPages || !(globalThis as RuntimeHolder).__maillage) return false;
  const locale = keptPageLocale(req, RENDER_HEADER);
  if (!locale) return false;
  const { page, kept } = await publicPages.page(req.url!, locale);
  if ("gzip" in page) {
    const answer = answerOf(page as KeptPage, req);
    res.writeHead(answer.status, { ...answer.headers, "x-maillage-page": kept ? "kept" : "rendered" });
    res.end(answer.body ?? undefined);
    return true;
  }
  // A render that is not kept (an error page) is passed on as it came.
  const headers: Record<string, string> = {};
  page.headers.forEach((value, name) => {
    if (!["connection", "keep-alive", "transfer-encoding", "content-length"].includes(name)) headers[name] = value;
  });
  res.writeHead(page.status, headers);
  res.end(req.method === "HEAD" ? undefined : page.body);
  return true;
}

// Prometheus metrics, counted here for every request (pages, API, files) and answered at
// /api/metrics to a bearer of METRICS_TOKEN; the queue's and the database's are read at each scrape.
const metrics = createMetrics({
  jobs: async () => (await (globalThis as RuntimeHolder).__maillage?.metricsSources.jobs()) ?? [],
  connections: async () => (await (globalThis as RuntimeHolder).__maillage?.metricsSources.connections()) ?? [],
  poolMax: config.DB_POOL_MAX,
});

function answerMetrics(req: IncomingMessage, res: ServerResponse) {
  if (!config.METRICS_TOKEN) return res.writeHead(404).end();
  if (!metricsAuthorized(req.headers.authorization, config.METRICS_TOKEN))
    return res.writeHead(401, { "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" }).end();
  metrics.text().then(
    (text) => res.writeHead(200, { "Content-Type": metrics.contentType, "Cache-Control": "no-store" }).end(text),
    (error: unknown) => {
      log.error({ err: error }, "metrics failed");
      res.writeHead(500).end();
    },
  );
}

let inFlight = 0;
let draining = false;
let whenIdle: (() => void) | null = null;

const server = createServer((req, res) => {
  // The request's span: every span of its work (Next.js, procedures, statements) nests in it.
  const traced = requestSpan(req.method ?? "GET", req.url ?? "/");
  res.once("close", () => {
    traced.span.updateName(`${req.method ?? "GET"} ${routesOf(req.url ?? "/", res.statusCode)[0]}`);
    traced.span.setAttribute("http.response.status_code", res.statusCode);
    if (res.statusCode >= 500) traced.span.setStatus({ code: SpanStatusCode.ERROR });
    traced.span.end();
  });
  traced.run(() => serve(req, res));
});

function serve(req: IncomingMessage, res: ServerResponse) {
  inFlight++;
  const startedAt = process.hrtime.bigint();
  res.once("close", () => {
    inFlight--;
    if (inFlight === 0) whenIdle?.();
    if (req.headers[RENDER_HEADER] === undefined && req.url !== "/api/metrics")
      metrics.observe(
        req.method ?? "GET",
        req.url ?? "/",
        res.statusCode,
        Number(process.hrtime.bigint() - startedAt) / 1e9,
      );
  });
  if (draining) {
    // The connection ends after this answer; a load balancer learns it from /api/ready first.
    res.setHeader("Connection", "close");
    if (req.url === "/api/ready") {
      res
        .writeHead(503, { "Content-Type": "application/json", "Retry-After": "5" })
        .end(JSON.stringify({ ready: false, reason: "shutting down" }));
      return;
    }
  }
  if (req.url === "/api/metrics" && req.method === "GET") return answerMetrics(req, res);
  // API bodies are refused on their declared length, before anything reads them.
  const limit = req.method !== "GET" && req.method !== "HEAD" ? bodyLimitFor(req.url ?? "") : null;
  if (limit !== null) {
    const declared = req.headers["content-length"];
    const refusal =
      declared === undefined
        ? req.headers["transfer-encoding"]
          ? bodyRefusal(411, req.headers["accept-language"], limit)
          : null
        : Number(declared) > limit
          ? bodyRefusal(413, req.headers["accept-language"], limit)
          : null;
    if (refusal) {
      res.setHeader("Connection", "close");
      res
        .writeHead(refusal.status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" })
        .end(refusal.body);
      req.resume();
      return;
    }
  }
  // The client's address for the app (sign-in rate limits): the socket's peer, or what trusted
  // proxies forwarded. Forwarded headers from anyone else are dropped before Next.js reads them.
  const forwardedFor = req.headers["x-forwarded-for"];
  const { ip, forwardedTrusted } = clientAddress(
    req.socket.remoteAddress ?? "",
    Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
    trustedProxies,
  );
  req.headers[CLIENT_IP_HEADER] = ip;
  if (!forwardedTrusted) {
    delete req.headers["x-forwarded-for"];
    delete req.headers["x-forwarded-proto"];
    delete req.headers["x-forwarded-host"];
    delete req.headers["forwarded"];
  }
  // The API, once Next.js has loaded its route: straight to the bundle's handler.
  const direct = config.API_DIRECT === "true" ? directRouteFor(req.url ?? "") : null;
  if (direct) {
    serveDirect(direct, req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, "request handler failed");
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
    return;
  }
  const render = () => {
    // A page's Content-Security-Policy: Next.js reads the nonce from the request's header.
    const policy = pagePolicy(req.url ?? "/", req.headers, dev);
    if (policy) {
      req.headers["content-security-policy"] = policy;
      res.setHeader("Content-Security-Policy", policy);
    }
    return handle(req, res).catch((error: unknown) => {
      log.error({ err: error, url: req.url }, "request handler failed");
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
  answerPublicPage(req, res).then(
    (answered) => {
      if (!answered) void render();
    },
    (error: unknown) => {
      // The figures' date could not be read (the database is down, say): Next.js answers as it would.
      log.warn({ err: error, url: req.url }, "kept public page unavailable");
      if (!res.headersSent) void render();
      else res.destroy();
    },
  );
}

server.listen(port, hostname, () => {
  log.info(
    { port, hostname: hostname ?? "(all)", dev },
    `Maillage listening on http://${hostname ?? "localhost"}:${port}`,
  );
});

async function shutdown(signal: NodeJS.Signals) {
  if (draining) {
    log.warn({ signal }, "already stopping");
    return;
  }
  draining = true;
  const started = Date.now();
  const graceMs = config.SHUTDOWN_GRACE_MS;
  // Whatever happens below, the process does not outlive its grace by much.
  setTimeout(() => {
    log.error("shutdown did not finish in time; exiting");
    process.exit(1);
  }, graceMs + 15_000).unref();
  log.info({ signal, inFlight, graceMs }, "stopping: no new connections, finishing requests in flight");

  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  if (inFlight > 0) {
    await new Promise<void>((resolve) => {
      whenIdle = resolve;
      setTimeout(resolve, graceMs).unref();
    });
  }
  const cut = inFlight;
  server.closeAllConnections();
  await closed;
  try {
    await app.close();
    await (globalThis as RuntimeHolder).__maillage?.shutdown();
    // The spans still waiting in their batch are sent before the process ends.
    await stopTracing();
  } catch (error) {
    log.error({ err: error }, "closing the app failed");
    process.exit(1);
  }
  log.info({ ms: Date.now() - started, cut }, "stopped");
  process.exit(0);
}

// `npm run db:backup` while the app holds the embedded database: the copy is taken here.
process.on("SIGUSR2", () => {
  const dataDir = config.PGLITE_DIR;
  let target: string;
  try {
    target = readFileSync(backupRequestFile(dataDir), "utf8").trim();
  } catch {
    return;
  }
  const runtime = (globalThis as RuntimeHolder).__maillage;
  const started = Date.now();
  Promise.resolve()
    .then(() => {
      if (typeof runtime?.backup !== "function") throw new Error("the database is not open in this process");
      return runtime.backup(target);
    })
    .then((bytes) => log.info({ file: target, bytes, ms: Date.now() - started }, "embedded database backed up"))
    .catch((error: unknown) => {
      log.error({ err: error }, "backup failed");
      writeFileSync(backupErrorFile(dataDir), String((error as Error).message ?? error));
    })
    .finally(() => rmSync(backupRequestFile(dataDir), { force: true }));
});

process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
