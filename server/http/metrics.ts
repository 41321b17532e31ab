import { timingSafeEqual } from "node:crypto";
import client from "prom-client";

/**
 * The process's metrics in Prometheus's text format, answered by the HTTP server
 * (scripts/serve.ts) at `/api/metrics` to a bearer of METRICS_TOKEN:
 * - requests and their duration, per route (a procedure of /api/trpc, an /api/v1 route, a page
 *   with its ids and workspace replaced), method and status;
 * - the background jobs per queue and state, and the database's connections per state (read at
 *   each scrape; the queue and the connections are the database's, shared by every instance);
 * - the process's own (memory, CPU, event loop, garbage collection), from prom-client.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The routes a request counts under: each procedure of a tRPC call (a batch counts once per
 * procedure), else its path with ids, numbers and the workspace's address replaced. A path that
 * answered 404 counts as "unmatched", so that probes for random paths add no series.
 */
export function routesOf(url: string, status: number): string[] {
  const path = url.split("?")[0] ?? "/";
  if (path.startsWith("/api/trpc/"))
    return [
      ...new Set(
        path
          .slice("/api/trpc/".length)
          .split(",")
          .map((p) => (/^[A-Za-z]+\.[A-Za-z]+$/.test(p) ? `trpc ${p}` : "trpc (unknown)")),
      ),
    ].slice(0, 10);
  if (status === 404) return ["unmatched"];
  if (path.startsWith("/_next/")) return ["/_next"];
  const segments = path.split("/").map((segment, i, all) => {
    if (UUID.test(segment)) return ":id";
    if (/^\d+$/.test(segment)) return ":n";
    if (all[i - 1] === "w" && i === 2) return ":workspace";
    return segment;
  });
  return [segments.join("/") || "/"];
}

export interface MetricsSources {
  /** The queue's jobs by queue and state. */
  jobs(): Promise<Array<{ name: string; state: string; n: number }>>;
  /** The database's client connections by state, `mine` when they are this instance's pool's. */
  connections(): Promise<Array<{ state: string; mine?: boolean; n: number }>>;
  /** The most connections this instance's pool opens (DB_POOL_MAX). */
  poolMax?: number;
}

export function createMetrics(sources: MetricsSources) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "maillage_" });
  const requests = new client.Counter({
    name: "maillage_http_requests_total",
    help: "HTTP requests answered, per route, method and status.",
    labelNames: ["route", "method", "status"] as const,
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: "maillage_http_request_duration_seconds",
    help: "Time to answer an HTTP request, per route.",
    labelNames: ["route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new client.Gauge({
    name: "maillage_jobs",
    help: "Background jobs in the queue, per queue and state (created, retry, active, completed, failed…).",
    labelNames: ["queue", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { name, state, n } of await sources.jobs().catch(() => [])) this.set({ queue: name, state }, n);
    },
  });
  // One read of pg_stat_activity serves both connection gauges of a scrape (collected together).
  let connectionsRead: { at: number; rows: ReturnType<MetricsSources["connections"]> } | null = null;
  const connectionsOnce = () => {
    if (!connectionsRead || Date.now() - connectionsRead.at > 1_000)
      connectionsRead = { at: Date.now(), rows: sources.connections().catch(() => []) };
    return connectionsRead.rows;
  };
  new client.Gauge({
    name: "maillage_db_connections",
    help: "Client connections to the app's database, per state (every instance's).",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const totals = new Map<string, number>();
      for (const { state, n } of await connectionsOnce()) totals.set(state, (totals.get(state) ?? 0) + n);
      for (const [state, n] of totals) this.set({ state }, n);
    },
  });
  new client.Gauge({
    name: "maillage_db_pool_connections",
    help: "This instance's own database connections, per state (active: running a statement; idle in transaction: a transaction open between statements).",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const { state, mine, n } of await connectionsOnce()) if (mine) this.set({ state }, n);
    },
  });
  if (sources.poolMax !== undefined) {
    new client.Gauge({
      name: "maillage_db_pool_max",
      help: "The most database connections this instance's pool opens (DB_POOL_MAX).",
      registers: [registry],
    }).set(sources.poolMax);
  }
  return {
    contentType: registry.contentType,
    /** Counts one answered request. */
    observe(method: string, url: string, status: number, seconds: number) {
      for (const route of routesOf(url, status)) {
        requests.inc({ route, method, status: String(status) });
        duration.observe({ route }, seconds);
      }
    },
    text: () => registry.metrics(),
  };
}

/** Whether an Authorization header carries the metrics token (compared in constant time). */
export function metricsAuthorized(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header) return false;
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
