/**
 * `npm run bench`: the national-scale benchmark. Against the database loaded by
 * `npm run seed:national`, it starts the production build, signs benchmark users in (database
 * sessions, as after an email link) and calls each operation over HTTP through the real tRPC
 * endpoint: at 8 concurrent connections for latency, at 64 for throughput. In the same run it
 * measures the two floors of every operation:
 *   - sql:  the operation's own statements, captured from the app and replayed directly in
 *           PostgreSQL inside a transaction set up exactly as the app's (request role, tenant
 *           settings, row-level security on), all sent at once (pipelined): the least the
 *           database can do;
 *   - noop: `workspaces.ping` (as many as the operation has calls), which pays authentication,
 *           membership and the tenant transaction and nothing else.
 * floor = sql p50 + noop p50; ratio = app p50 / floor. Each operation is also called at one
 * connection, where its CPU per call is read from /proc (the app's process and every PostgreSQL
 * process). Then the pages (`--only pages`): each asked for as a signed-in browser does, at one
 * connection (latency, CPU per page, HTML size), at 8 (latency) and at 16 (pages per second),
 * against issue 27's targets. Then one timed 10,000-row import through
 * upload, dry run and background job, the first-load JavaScript of each page from the build,
 * and Lighthouse on the workspace dashboard.
 *
 *   DATABASE_URL=postgres://… npm run bench -- [--json] [--duration 8] [--only list,detail]
 *                                              [--build] [--no-import] [--no-lighthouse] [--port 3199]
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import postgres from "postgres";
import { wire } from "../../domain/wire";
import { benchImportFile } from "./import-file";
import { firstLoadJs } from "./first-load-js";
import { lighthouseScore } from "./lighthouse";
import { prepareBench, type Call, type Operation } from "./operations";
import { cpuOf, postgresCpuByPid, postgresCpuSince } from "./cpu";

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 && argv[at + 1] ? argv[at + 1]! : fallback;
};
const JSON_OUT = flag("json");
const DURATION_S = Number(option("duration", "8"));
const WARMUP_S = Math.min(2, DURATION_S / 2);
const PORT = Number(option("port", "3199"));
const ONLY = option("only", "").split(",").filter(Boolean);
/** An operation whose first call takes longer than this is reported from that call alone. */
const SLOW_MS = 5_000;
const BASE = `http://localhost:${PORT}`;
const url = process.env.DATABASE_URL;
if (!url) {
  console.error("npm run bench needs DATABASE_URL: the PostgreSQL database loaded by `npm run seed:national`.");
  process.exit(1);
}
/** Human output goes to stderr with --json, so stdout holds only the JSON lines. */
const say = (line: string) => (JSON_OUT ? process.stderr.write(`${line}\n`) : console.log(line));

const { database, operations, sessions, big, statements, touchWorkspace, pages: pageCases } = await prepareBench(url);
const OPERATIONS = operations.filter((o) => ONLY.length === 0 || ONLY.includes(o.name) || o.name === "noop");

function requestUrl(calls: Call[]): string {
  const input = Object.fromEntries(calls.map((c, i) => [i, wire.serialize(c.input)]));
  return `${BASE}/api/trpc/${calls.map((c) => c.path).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
}

// The load runs on the same two cores as the app, so the client is kept as light as it can be:
// node:http over kept-alive connections costs about 0.35 ms of CPU per call here, where fetch()
// cost 1.2–1.4 ms, taken from the server being measured (BENCHMARKS.md).
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function callOnce(target: string, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(target, { agent, headers: { cookie: `maillage.session-token=${token}` } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Array<{ error?: { message: string } }>;
            const failed = body.find((b) => b.error);
            if (response.statusCode !== 200 || failed)
              reject(new Error(`${response.statusCode} ${failed?.error?.message ?? ""}`));
            else resolve();
          } catch (error) {
            reject(error);
          }
        });
      })
      .on("error", reject);
  });
}

/** A page as a signed-in browser asks for it (HTML, no compression); resolves with its size in bytes. */
function pageOnce(path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(
        `${BASE}${path}`,
        { agent, headers: { cookie: `maillage.session-token=${token}`, accept: "text/html" } },
        (response) => {
          let bytes = 0;
          response.on("data", (chunk: Buffer) => (bytes += chunk.length));
          response.on("error", reject);
          response.on("end", () =>
            response.statusCode === 200 ? resolve(bytes) : reject(new Error(`${response.statusCode} ${path}`)),
          );
        },
      )
      .on("error", reject);
  });
}

/** CPU per call (ms) of the app's process and of every PostgreSQL process while `work` runs `calls` calls. */
async function cpuPerCall<T extends { latencies: number[] }>(
  work: () => Promise<T>,
): Promise<T & { app: number; db: number }> {
  const before = { app: cpuOf(server.pid!), db: postgresCpuByPid() };
  const result = await work();
  const calls = Math.max(1, result.latencies.length);
  return { ...result, app: (cpuOf(server.pid!) - before.app) / calls, db: postgresCpuSince(before.db) / calls };
}

// ---------------------------------------------------------------------------------------------
// Load: `connections` workers call in a loop for the duration; every latency is kept.

interface Sample {
  latencies: number[];
  errors: number;
  seconds: number;
  firstError?: string;
}
async function load(connections: number, seconds: number, run: () => Promise<void>): Promise<Sample> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await run();
          latencies.push(performance.now() - t0);
        } catch (error) {
          errors++;
          firstError ??= String(error);
        }
      }
    }),
  );
  return {
    latencies: latencies.sort((a, b) => a - b),
    errors,
    seconds: (performance.now() - started) / 1000,
    firstError,
  };
}
const pct = (sorted: number[], q: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

const replayClient = postgres(url, { max: 8, onnotice: () => {} });
async function sqlFloor(operation: Operation, seconds: number): Promise<Sample> {
  const { setup, own } = await statements(operation);
  const run = () =>
    replayClient.begin(async (tx) => {
      for (const s of setup) await tx.unsafe(s.query, s.params as never[]);
      const t0 = performance.now();
      await Promise.all(own.map((s) => tx.unsafe(s.query, s.params as never[])));
      return performance.now() - t0;
    });
  for (const stopAt = performance.now() + WARMUP_S * 1000; performance.now() < stopAt;) await run();
  // Only the operation's statements are timed (the set-up is the noop floor's share).
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < end) {
        try {
          latencies.push(await run());
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), errors, seconds };
}

// ---------------------------------------------------------------------------------------------
// The server: the production build, started against the same database.

function ensureBuild() {
  if (existsSync(".next/BUILD_ID") && !flag("build")) return;
  say("building the app (next build)…");
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: JSON_OUT ? ["ignore", 2, 2] : "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--port", String(PORT)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      APP_URL: BASE,
      AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-0",
      DEMO_SIGN_IN: "false",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      // The territorial summary is computed by the bench's set-up when missing; the app's own
      // job would otherwise recompute it (100 s of one core) in the middle of a measurement.
      TERRITORY_STATISTICS_MINUTES: "0",
      // Nor the observatory's (80 s of work, 50 s of it the app's CPU), which would be counted as
      // the pages' own CPU.
      OBSERVATORY_MINUTES: "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 120; i++) {
    try {
      const response = await fetch(`${BASE}/signin`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  child.kill();
  throw new Error("the app did not start");
}

// ---------------------------------------------------------------------------------------------

interface Result {
  name: string;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors: number;
  floor: number | null;
  ratio: number | null;
  target_p95: number;
  sql_p50: number | null;
  noop_p50: number | null;
  rps_8: number;
  p95_64: number;
  /** CPU per call at one connection: the app process, and every PostgreSQL process. */
  cpu_app_ms: number | null;
  cpu_db_ms: number | null;
  /** Latency at one connection (the issue 27 targets are set there). */
  p95_1: number | null;
}
const round = (n: number | null, digits = 1) =>
  n === null || Number.isNaN(n) ? null : Math.round(n * 10 ** digits) / 10 ** digits;
const results: Result[] = [];
function report(result: Result) {
  results.push(result);
  if (JSON_OUT) {
    console.log(JSON.stringify(result));
    return;
  }
  const f = (n: number | null) => (n === null ? "—" : n.toFixed(1)).padStart(7);
  const verdict =
    result.p95 <= result.target_p95 && (result.ratio === null || result.ratio <= 1.5) && result.errors === 0
      ? "ok"
      : "MISSED";
  console.log(
    `${result.name.padEnd(22)}${f(result.p50)}${f(result.p95)}${f(result.p99)}${f(result.rps).padStart(8)}${String(result.errors).padStart(7)}${f(result.floor)}${f(result.ratio)}${f(result.cpu_app_ms)}${f(result.cpu_db_ms)}${f(result.p95_1)}   ≤${result.target_p95} ms ${verdict}`,
  );
}

ensureBuild();
say(`starting the production build on ${BASE} against ${new URL(url).pathname.slice(1)}…`);
const server = await startServer();
let exitCode = 0;
try {
  const noopByCalls = new Map<number, number>();
  const noopFor = async (operation: Operation) => {
    const n = operation.calls.length;
    if (!noopByCalls.has(n)) {
      const pings = Array.from({ length: n }, () => ({
        path: "workspaces.ping",
        input: { workspaceSlug: operation.workspaceSlug },
      }));
      const target = requestUrl(pings);
      const token = sessions.get(operation.user.user_id)!;
      await load(8, WARMUP_S, () => callOnce(target, token));
      noopByCalls.set(n, pct((await load(8, DURATION_S, () => callOnce(target, token))).latencies, 0.5));
    }
    return noopByCalls.get(n)!;
  };

  say(
    `${DURATION_S} s per phase after ${WARMUP_S} s of warm-up; latency at 8 connections, throughput at 64 (ms, requests/s)`,
  );
  if (!JSON_OUT)
    console.log(
      `${"operation".padEnd(22)}${"p50".padStart(7)}${"p95".padStart(7)}${"p99".padStart(7)}${"rps".padStart(8)}${"errors".padStart(7)}${"floor".padStart(7)}${"ratio".padStart(7)}${"appCPU".padStart(7)}${"dbCPU".padStart(7)}${"p95@1".padStart(7)}   target`,
    );
  for (const operation of OPERATIONS) {
    const target = requestUrl(operation.calls);
    const token = sessions.get(operation.user.user_id)!;
    if (operation.stored) {
      // Stored figures: the load phases below read them; what a change costs is the next call.
      await touchWorkspace(operation.workspaceSlug);
      const started = performance.now();
      await callOnce(target, token);
      const ms = round(performance.now() - started)!;
      if (JSON_OUT) console.log(JSON.stringify({ name: `${operation.name}-after-change`, ms }));
      else
        say(
          `${`${operation.name}, first call after a change`.padEnd(44)}${ms.toFixed(1)} ms (computes and stores the figures)`,
        );
    }
    const first = performance.now();
    await callOnce(target, token);
    const single = performance.now() - first;
    if (single > SLOW_MS) {
      // Too slow to load-test in a reasonable time: that one call is reported instead.
      const ms = round(single)!;
      say(
        `  ${operation.name}: one call takes ${(ms / 1000).toFixed(1)} s, reported from that single call (no load phases, no floor)`,
      );
      report({
        name: operation.name,
        p50: ms,
        p95: ms,
        p99: ms,
        rps: round(1000 / ms, 2)!,
        errors: 0,
        floor: null,
        ratio: null,
        target_p95: operation.target,
        sql_p50: null,
        noop_p50: null,
        rps_8: 0,
        p95_64: 0,
        cpu_app_ms: null,
        cpu_db_ms: null,
        p95_1: null,
      });
      continue;
    }
    await load(8, WARMUP_S, () => callOnce(target, token));
    const at1 = await cpuPerCall(() => load(1, DURATION_S, () => callOnce(target, token)));
    const cpuApp = at1.app;
    const cpuDb = at1.db;
    const at8 = await load(8, DURATION_S, () => callOnce(target, token));
    const at64 = await load(64, DURATION_S, () => callOnce(target, token));
    if (at8.firstError || at64.firstError) say(`  ${operation.name}: ${at8.firstError ?? at64.firstError}`);
    const noop = operation.name === "noop" ? null : await noopFor(operation);
    const floorSql = operation.name === "noop" ? null : pct((await sqlFloor(operation, DURATION_S)).latencies, 0.5);
    const p50 = pct(at8.latencies, 0.5);
    const floor = noop === null || floorSql === null ? null : noop + floorSql;
    report({
      name: operation.name,
      p50: round(p50)!,
      p95: round(pct(at8.latencies, 0.95))!,
      p99: round(pct(at8.latencies, 0.99))!,
      rps: round(at64.latencies.length / at64.seconds, 0)!,
      errors: at8.errors + at64.errors,
      floor: round(floor),
      ratio: floor === null ? null : round(p50 / floor, 2),
      target_p95: operation.target,
      sql_p50: round(floorSql),
      noop_p50: round(noop),
      rps_8: round(at8.latencies.length / at8.seconds, 0)!,
      p95_64: round(pct(at64.latencies, 0.95))!,
      cpu_app_ms: round(cpuApp, 2),
      cpu_db_ms: round(cpuDb, 2),
      p95_1: round(pct(at1.latencies, 0.95)),
    });
  }

  if (ONLY.length === 0 || ONLY.includes("pages")) {
    say(
      `\npages as a signed-in browser asks for them: one connection (latency, CPU per page), 8 (latency), 16 (pages/s)`,
    );
    if (!JSON_OUT)
      console.log(
        `${"page".padEnd(22)}${"p50@1".padStart(7)}${"p95@1".padStart(7)}${"appCPU".padStart(7)}${"dbCPU".padStart(7)}${"CPU".padStart(7)}${"HTML kB".padStart(8)}${"p50@8".padStart(7)}${"p95@8".padStart(7)}${"rps@16".padStart(7)}   targets (CPU, p95@1, HTML)`,
      );
    for (const page of pageCases) {
      const token = sessions.get(page.user.user_id)!;
      let html = 0;
      const once = async () => {
        html = await pageOnce(page.path, token);
      };
      await load(1, WARMUP_S, once);
      const at1 = await cpuPerCall(() => load(1, DURATION_S, once));
      const at8 = await load(8, DURATION_S, once);
      const at16 = await load(16, DURATION_S, once);
      if (at1.firstError || at8.firstError || at16.firstError)
        say(`  ${page.name}: ${at1.firstError ?? at8.firstError ?? at16.firstError}`);
      const result = {
        name: page.name,
        path: page.path,
        p50_1: round(pct(at1.latencies, 0.5)),
        p95_1: round(pct(at1.latencies, 0.95)),
        cpu_app_ms: round(at1.app, 1),
        cpu_db_ms: round(at1.db, 1),
        cpu_ms: round(at1.app + at1.db, 1),
        html_kb: round(html / 1024, 1),
        p50_8: round(pct(at8.latencies, 0.5)),
        p95_8: round(pct(at8.latencies, 0.95)),
        rps_16: round(at16.latencies.length / at16.seconds, 1),
        errors: at1.errors + at8.errors + at16.errors,
        target: page.target,
      };
      const met =
        result.cpu_ms! <= page.target.cpuMs &&
        result.p95_1! <= page.target.p95Ms &&
        result.html_kb! <= page.target.htmlKb &&
        result.errors === 0;
      if (JSON_OUT) console.log(JSON.stringify(result));
      else {
        const f = (n: number | null, w = 7) => (n === null ? "—" : n.toFixed(1)).padStart(w);
        console.log(
          `${page.name.padEnd(22)}${f(result.p50_1)}${f(result.p95_1)}${f(result.cpu_app_ms)}${f(result.cpu_db_ms)}${f(result.cpu_ms)}${f(result.html_kb, 8)}${f(result.p50_8)}${f(result.p95_8)}${f(result.rps_16)}   ≤${page.target.cpuMs} ms, ≤${page.target.p95Ms} ms, ≤${page.target.htmlKb} kB ${met ? "ok" : "MISSED"}`,
        );
      }
    }
  }

  if (!flag("no-import") && (ONLY.length === 0 || ONLY.includes("import"))) {
    await timedImport(sessions.get(big.user_id)!, (seconds) => {
      const result = {
        name: "import-10000",
        p50: seconds * 1000,
        p95: seconds * 1000,
        p99: seconds * 1000,
        rps: 0,
        errors: 0,
        floor: null,
        ratio: null,
        target_p95: 30_000,
        sql_p50: null,
        noop_p50: null,
        rps_8: 0,
        p95_64: 0,
      };
      if (JSON_OUT) console.log(JSON.stringify(result));
      else
        console.log(
          `import of 10,000 rows: ${seconds.toFixed(1)} s (upload, dry run, background import; target ≤ 30 s) ${seconds <= 30 ? "ok" : "MISSED"}`,
        );
    });
  }

  const pages = firstLoadJs();
  for (const page of pages) {
    if (JSON_OUT)
      console.log(JSON.stringify({ name: `first-load-js ${page.route}`, kb_gzip: page.kb, target_kb: 180 }));
  }
  if (!JSON_OUT) {
    const worst = [...pages].sort((a, b) => b.kb - a.kb);
    console.log(
      `first-load JavaScript (gzip), ${pages.length} pages: largest ${worst
        .slice(0, 3)
        .map((p) => `${p.route} ${p.kb.toFixed(1)} kB`)
        .join(", ")}; target ≤ 180 kB ${worst[0] && worst[0].kb <= 180 ? "ok" : "MISSED"}`,
    );
  }

  if (!flag("no-lighthouse")) {
    const score = await lighthouseScore(`${BASE}/w/national-1`, sessions.get(big.user_id)!);
    if (JSON_OUT) console.log(JSON.stringify({ name: "lighthouse-dashboard", score, target: 95 }));
    else console.log(`Lighthouse performance, workspace dashboard: ${score ?? "not run"} (target ≥ 95)`);
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  server.kill();
  await replayClient.end({ timeout: 5 });
  await database.close();
}
process.exit(exitCode);

/** One 10,000-row import into a fresh workspace of the big workspace's owner, over HTTP; the workspace is deleted after. */
async function timedImport(token: string, report: (seconds: number) => void): Promise<void> {
  const slug = `bench-import-${Date.now().toString(36)}`;
  /** The single result of a one-call batch, or the call's error. */
  const unwrap = async (path: string, response: Response) => {
    const [body] = (await response.json()) as Array<{ result?: { data: unknown }; error?: { message: string } }>;
    if (!body?.result) throw new Error(`${path}: ${body?.error?.message ?? response.status}`);
    return wire.deserialize(body.result.data) as Record<string, unknown>;
  };
  const post = async (path: string, input: Record<string, unknown>) =>
    unwrap(
      path,
      await fetch(`${BASE}/api/trpc/${path}?batch=1`, {
        method: "POST",
        headers: { cookie: `maillage.session-token=${token}`, "content-type": "application/json", origin: BASE },
        body: JSON.stringify({ 0: wire.serialize(input) }),
      }),
    );
  const get = async (path: string, input: Record<string, unknown>) =>
    unwrap(
      path,
      await fetch(requestUrl([{ path, input }]), { headers: { cookie: `maillage.session-token=${token}` } }),
    );
  await post("workspaces.create", { name: "Banc d'essai import", kind: "association", slug });
  const content = await benchImportFile(10_000);
  say("import: 10,000 rows…");
  const started = performance.now();
  const { id } = (await post("imports.upload", { workspaceSlug: slug, fileName: "bench.xlsx", content })) as {
    id: string;
  };
  const upload = await get("imports.get", { workspaceSlug: slug, id });
  const preview = await post("imports.preview", { workspaceSlug: slug, id, mapping: upload.mapping });
  if (!preview.ready) throw new Error("the dry run found rows to fix");
  await post("imports.start", { workspaceSlug: slug, id });
  for (;;) {
    const state = await get("imports.get", { workspaceSlug: slug, id });
    if (state.status === "done") break;
    if (state.status === "failed") throw new Error(`import failed: ${JSON.stringify(state.result)}`);
    await sleep(100);
  }
  const seconds = (performance.now() - started) / 1000;
  report(seconds);
  // Then the workspace is deleted the way its owner would (workspaces.delete), timed too.
  const deleting = performance.now();
  await post("workspaces.delete", { workspaceSlug: slug, confirmName: "Banc d'essai import" });
  say(
    `  deleting the imported workspace (10,000 alliances) through workspaces.delete: ${((performance.now() - deleting) / 1000).toFixed(1)} s`,
  );
}
