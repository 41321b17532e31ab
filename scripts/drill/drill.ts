/**
 * `npm run drill`: database faults, load and shutdown, run as an operator would, against the
 * production build (`next build` output served by scripts/serve.ts, as `npm start` serves it).
 *
 * On PostgreSQL (a fresh database on the server of DRILL_ADMIN_URL, default the local one), with
 * the demo data, writers whose entries carry unique markers and concurrent readers and pages:
 *   kill-one   kills one busy backend, ten times
 *   kill-all   kills every busy backend at once
 *   restart    restarts PostgreSQL (pg_ctlcluster; `--no-restart` to skip)
 *   sigterm    sends SIGTERM under load, then starts the app again
 *   contention 10 page renders and 10 writers for 30 s (`--contention S`), no fault
 *   restore    dumps the database, restores it into a fresh cluster (initdb on another port)
 *              through `db:migrate` and pg_restore, starts the app on it and compares
 * On PGlite (`pglite`): kill -9 during writes, restart, every acknowledged write present; SIGTERM
 * to an idle server leaves no lock file.
 * Scale-out (`scale-out`, scripts/drill/scale-out.ts): three web instances and two workers on one
 * database behind a round-robin proxy: jobs once per period, an import seen from every instance
 * and done once though its worker is killed, a token's limit shared, a web instance killed.
 * PgBouncer (`pgbouncer`, scripts/drill/pgbouncer.ts): the Vitest suite (`--no-suite` skips it)
 * and the app under load through PgBouncer in transaction mode.
 *
 * Fails on: the app process gone, a request unanswered after 5 s, any 5xx (or refused
 * connection) outside a fault window, recovery slower than 2 s after PostgreSQL answers again,
 * an acknowledged write missing, a write duplicated despite its key, any difference after the
 * restore. Prints its figures; `--json` adds one JSON line. `--only a,b` picks scenarios. Builds
 * the app first when `.next` holds no build (`--build` forces it).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { resultRows } from "../../db/rows";
import { createDemoSession } from "../../server/auth/sessions";
import { wire } from "../../domain/wire";
import {
  judge,
  readList,
  request,
  startTraffic,
  waitServed,
  type Outcome,
  type Target,
  type Traffic,
  type Window,
} from "./traffic";
import { scaleOutDrill } from "./scale-out";
import { pgbouncerDrill } from "./pgbouncer";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const ALL = ["kill-one", "kill-all", "restart", "sigterm", "contention", "restore", "pglite", "scale-out", "pgbouncer"];
const only = option("only", "").split(",").filter(Boolean);
const scenarios = new Set((only.length ? only : ALL).filter((s) => !(s === "restart" && flag("no-restart"))));
const CONTENTION_S = Number(option("contention", "30"));
const ADMIN_URL = process.env.DRILL_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORT = Number(option("port", "3290"));
/** Recovery after PostgreSQL answers again must take less than this. */
const RECOVERY_BOUND_MS = 2_000;
const PG_VERSION = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort().at(-1)! : "15";
const PG_BIN = `/usr/lib/postgresql/${PG_VERSION}/bin`;
const RUN = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const WORK = path.resolve(".drill");
mkdirSync(WORK, { recursive: true });
const AUTH_SECRET = randomBytes(24).toString("base64url");

const problems: string[] = [];
const figures: Record<string, unknown> = { run: RUN };
const say = (line: string) => console.log(line);
const fail = (line: string) => {
  line = line.length > 600 ? `${line.slice(0, 600)}…` : line;
  problems.push(line);
  say(`  FAIL ${line}`);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The app under test

interface App {
  child: ChildProcess;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  exited: boolean;
  expectedExit: boolean;
  port: number;
}

function appEnv(databaseUrl: string | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    AUTH_SECRET,
    DEMO_SIGN_IN: "true",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    TERRITORY_STATISTICS_MINUTES: "0",
    SHUTDOWN_GRACE_MS: "8000",
    ...extra,
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

let appCount = 0;
async function startApp(env: NodeJS.ProcessEnv, port = PORT): Promise<App> {
  const log = createWriteStream(path.join(WORK, `app-${RUN}-${++appCount}.log`));
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--port", String(port)], {
    // Its own address, unless it stands behind the scale-out drill's proxy (whose address is the app's).
    env: { ...env, APP_URL: env.PUBLIC_APP_URL ?? `http://localhost:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Both streams into one file, which neither may close (the other may still write).
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  child.once("exit", () => setTimeout(() => log.end(), 100));
  const app: App = {
    child,
    port,
    exited: false,
    expectedExit: false,
    exit: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() }))),
  };
  void app.exit.then(({ code, signal }) => {
    app.exited = true;
    if (!app.expectedExit) fail(`the app process exited by itself (code ${code}, signal ${signal}); see ${log.path}`);
  });
  const until = Date.now() + 90_000;
  while (Date.now() < until && !app.exited) {
    const ready = await request({ port, token: "", slug: "" }, "probe", "GET", "/api/ready");
    if (ready.status === 200) return app;
    await sleep(200);
  }
  throw new Error(`the app did not become ready on port ${port} (see ${log.path})`);
}

async function stopApp(app: App, signal: NodeJS.Signals = "SIGTERM"): Promise<{ code: number | null; ms: number }> {
  if (app.exited) return { code: null, ms: 0 };
  app.expectedExit = true;
  const sent = Date.now();
  app.child.kill(signal);
  const { code, at } = await app.exit;
  return { code, ms: at - sent };
}

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv = process.env, asUser?: string) {
  const full = asUser ? ["runuser", ["-u", asUser, "--", command, ...commandArgs]] : [command, commandArgs];
  const result = spawnSync(full[0] as string, full[1] as string[], { env, encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`${command} ${commandArgs.join(" ")} failed:\n${result.stderr || result.stdout}`);
  return result.stdout;
}

const pct = (values: number[], p: number) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

// ---------------------------------------------------------------------------------------------
// PostgreSQL set-up

const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 3, backoff: () => 0.1 });
const adminUrl = new URL(ADMIN_URL);
const dbUrl = (name: string, port = adminUrl.port || "5432") => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  u.port = port;
  return u.toString();
};
const DB = `maillage_drill_${RUN}`;
const DB_URL = dbUrl(DB);

function prepareDatabase(env: NodeJS.ProcessEnv) {
  run(process.execPath, ["--import", "tsx", "scripts/prepare.ts"], env);
}

/** A demo persona's session and the workspace's alliances, read once before the load. */
async function demoTarget(
  url: string | undefined,
  dataDir?: string,
): Promise<{ token: string; slug: string; allianceIds: string[] }> {
  const database = await openDatabase({ url, dataDir });
  try {
    const session = await createDemoSession(database.db, "association");
    if (!session) throw new Error("demo persona missing: was the demo data loaded?");
    const rows = resultRows<{ id: string }>(
      await database.db
        .execute(sql`select p.alliance_id as id from alliance_parties p join workspaces w on w.id = p.workspace_id
        where w.slug = ${session.workspaceSlug} and p.status = 'accepted' order by p.alliance_id limit 8`),
    );
    return { token: session.sessionToken, slug: session.workspaceSlug, allianceIds: rows.map((r) => r.id) };
  } finally {
    await database.close();
  }
}

/** Client backends of the drill's database; `busy` keeps those running a statement or inside a transaction. */
async function backends(database: string, busy: boolean): Promise<number[]> {
  const rows = await admin<Array<{ pid: number }>>`
    select pid from pg_stat_activity
    where datname = ${database} and backend_type = 'client backend' and pid <> pg_backend_pid()
      and (not ${busy} or state in ('active', 'idle in transaction'))`;
  return rows.map((r) => r.pid);
}

async function pgAnswers(url: string, timeoutMs: number): Promise<number | null> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const probe = postgres(url, { max: 1, connect_timeout: 1, onnotice: () => {} });
    try {
      await probe`select 1`;
      return Date.now();
    } catch {
      await sleep(50);
    } finally {
      await probe.end({ timeout: 1 }).catch(() => {});
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Checking the writes

async function countMarkers(
  query: (markers: string[]) => Promise<Array<{ title: string; n: number }>>,
  traffic: Traffic,
  label: string,
) {
  const counts = new Map((await query([...traffic.sent])).map((r) => [r.title, Number(r.n)]));
  const missing = [...traffic.acknowledged].filter((m) => !counts.has(m));
  const duplicated = [...counts.entries()].filter(([, n]) => n > 1);
  const unacknowledgedFound = [...traffic.sent].filter((m) => !traffic.acknowledged.has(m) && counts.has(m)).length;
  figures[`${label}.writes`] = {
    sent: traffic.sent.size,
    acknowledged: traffic.acknowledged.size,
    found: [...traffic.acknowledged].filter((m) => counts.has(m)).length,
    missing: missing.length,
    duplicated: duplicated.length,
    retriedWithKey: traffic.retries,
    replays: traffic.replays,
    committedButUnanswered: unacknowledgedFound,
  };
  say(
    `  writes: ${traffic.acknowledged.size} acknowledged, ${traffic.acknowledged.size - missing.length} found, ${missing.length} missing, ` +
      `${duplicated.length} duplicated; ${traffic.retries} retried with their key; ${traffic.replays.same}/${traffic.replays.total} replays answered as the first`,
  );
  if (missing.length)
    fail(`${label}: ${missing.length} acknowledged writes missing (${missing.slice(0, 3).join(", ")})`);
  if (duplicated.length)
    fail(
      `${label}: ${duplicated.length} writes stored twice despite their key (${duplicated
        .slice(0, 3)
        .map(([m]) => m)
        .join(", ")})`,
    );
  if (traffic.replays.same !== traffic.replays.total)
    fail(`${label}: ${traffic.replays.total - traffic.replays.same} replayed writes answered differently`);
}

const pgMarkers = (url: string) => async (markers: string[]) => {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await client<
      Array<{ title: string; n: number }>
    >`select title, count(*)::int as n from alliance_timeline where title = any(${markers}) group by title`;
  } finally {
    await client.end({ timeout: 5 });
  }
};

function report(name: string, outcomes: Outcome[], windows: Window[]) {
  const verdict = judge(outcomes, windows);
  const statuses = Object.entries(verdict.statuses)
    .map(([k, v]) => `${k}×${v}`)
    .join(" ");
  say(`  requests: ${verdict.requests} (${statuses}); ${verdict.excused} failed inside fault windows`);
  figures[`${name}.requests`] = {
    total: verdict.requests,
    statuses: verdict.statuses,
    excused: verdict.excused,
    failures: verdict.failures.length,
    unanswered: verdict.unanswered.length,
  };
  if (verdict.unanswered.length) {
    fail(`${name}: ${verdict.unanswered.length} requests unanswered after 5 s`);
    for (const o of verdict.unanswered.slice(0, 5)) say(`    ${o.kind} unanswered from +${o.started - started} ms`);
  }
  if (verdict.failures.length) {
    const first = verdict.failures[0]!;
    fail(
      `${name}: ${verdict.failures.length} requests failed outside fault windows (first: ${first.kind} ${first.status || first.error} at +${first.started - started} ms)`,
    );
    const at = (t: number) => `+${t - started}`;
    for (const o of verdict.failures.slice(0, 8))
      say(`    ${o.kind} ${o.status || o.error} ${at(o.started)}..${at(o.ended)} ms`);
    say(`    fault windows: ${windows.map((w) => `${w.name} ${at(w.from)}..${at(w.to)}`).join("; ")}`);
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL scenarios

const started = Date.now();
let exitCode = 0;
if (!existsSync(".next/BUILD_ID") || flag("build")) {
  say("building the app (next build)…");
  run(process.execPath, ["node_modules/next/dist/bin/next", "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
}
try {
  const pgScenarios = [...scenarios].filter((s) => s !== "pglite" && s !== "scale-out" && s !== "pgbouncer");
  if (pgScenarios.length) await postgresDrill(new Set(pgScenarios));
  if (scenarios.has("pglite")) await pgliteDrill();
  const kit = {
    run: RUN,
    work: WORK,
    port: PORT,
    say,
    fail,
    figures,
    appEnv,
    startApp,
    stopApp,
    prepareDatabase,
    demoTarget: (url: string) => demoTarget(url),
    countMarkers,
    pgMarkers,
    report,
  };
  if (scenarios.has("pgbouncer")) await pgbouncerDrill(kit, ADMIN_URL, { suite: !flag("no-suite") });
  if (scenarios.has("scale-out")) await scaleOutDrill(kit, ADMIN_URL);
} catch (error) {
  fail(`drill aborted: ${(error as Error).stack ?? error}`);
} finally {
  await admin`drop database if exists ${admin(DB)} with (force)`.catch(() => {});
  await admin.end({ timeout: 5 }).catch(() => {});
}
say(
  `\n${problems.length === 0 ? "drill passed" : `drill FAILED (${problems.length})`} in ${Math.round((Date.now() - started) / 1000)} s`,
);
if (flag("json")) console.log(JSON.stringify({ ...figures, problems }));
if (problems.length) exitCode = 1;
process.exit(exitCode);

async function postgresDrill(which: Set<string>) {
  say(`PostgreSQL ${PG_VERSION}: database ${DB}`);
  await admin`create database ${admin(DB)}`;
  const env = appEnv(DB_URL);
  prepareDatabase(env);
  const demo = await demoTarget(DB_URL);
  let app = await startApp(env);
  const target = (): Target => ({ port: PORT, token: demo.token, slug: demo.slug });
  const windows: Window[] = [];
  const traffic = startTraffic(target, { writers: 4, readers: 4, pages: 2, allianceIds: demo.allianceIds, run: RUN });
  const recoveries: Record<string, number[]> = {};
  /** Waits for the app to serve again after PostgreSQL answered at `backAt`; records the window. */
  const recover = async (name: string, faultAt: number, backAt: number) => {
    const servedAt = await waitServed(target(), 15_000);
    if (servedAt === null) {
      fail(`${name}: the app did not serve again within 15 s`);
      windows.push({ name, from: faultAt, to: Date.now() });
      return;
    }
    const ms = Math.max(0, servedAt - backAt);
    (recoveries[name] ??= []).push(ms);
    if (ms > RECOVERY_BOUND_MS) fail(`${name}: recovery took ${ms} ms after PostgreSQL answered again`);
    // Requests already waiting when the fault hit end within the next moments.
    windows.push({ name, from: faultAt, to: servedAt + 1_000 });
  };
  try {
    await sleep(3_000);

    if (which.has("kill-one")) {
      say("kill-one: one busy backend, ten times");
      for (let i = 0; i < 10; i++) {
        let pids: number[] = [];
        for (let tries = 0; tries < 100 && !pids.length; tries++) {
          pids = await backends(DB, true);
          if (!pids.length) await sleep(10);
        }
        if (!pids.length) pids = await backends(DB, false);
        const at = Date.now();
        await admin`select pg_terminate_backend(${pids[i % pids.length]!})`;
        await recover("kill-one", at, at);
        await sleep(1_000);
      }
      say(`  recovered 10/10, ms: ${recoveries["kill-one"]?.join(", ")}`);
    }

    if (which.has("kill-all")) {
      say("kill-all: every busy backend at once");
      for (let i = 0; i < 3; i++) {
        const pids = await backends(DB, false);
        const at = Date.now();
        await admin`select pg_terminate_backend(pid) from unnest(${pids}::int[]) as pid`;
        await recover("kill-all", at, at);
        await sleep(1_500);
      }
      say(`  ${recoveries["kill-all"]?.length ?? 0} rounds, recovery ms: ${recoveries["kill-all"]?.join(", ")}`);
    }

    if (which.has("restart")) {
      say("restart: PostgreSQL restarted under load");
      const at = Date.now();
      run("pg_ctlcluster", ["--skip-systemctl-redirect", PG_VERSION, "main", "restart"]);
      const backAt = await pgAnswers(DB_URL, 60_000);
      if (backAt === null) throw new Error("PostgreSQL did not come back after its restart");
      say(`  PostgreSQL down and back in ${backAt - at} ms`);
      await recover("restart", at, backAt);
      say(`  app serving ${recoveries.restart?.[0]} ms after PostgreSQL answered`);
      await sleep(2_000);
    }

    if (which.has("sigterm")) {
      say("sigterm: SIGTERM under load, then a new start");
      const at = Date.now();
      const stopped = await stopApp(app);
      const inFlight = traffic.outcomes.filter((o) => o.started < at && o.ended >= at);
      const cut = inFlight.filter((o) => o.status === 0 || o.status >= 500);
      say(
        `  exit code ${stopped.code} after ${stopped.ms} ms; ${inFlight.length} requests in flight at the signal, ${cut.length} cut or failed`,
      );
      figures.sigterm = { exitCode: stopped.code, ms: stopped.ms, inFlight: inFlight.length, cut: cut.length };
      if (stopped.code !== 0) fail(`sigterm: the app exited with ${stopped.code}, not 0`);
      if (cut.length)
        fail(
          `sigterm: ${cut.length} requests in flight were cut or answered 5xx (${cut.map((o) => o.status || o.error).join(", ")})`,
        );
      app = await startApp(env);
      const servedAt = await waitServed(target(), 15_000);
      windows.push({ name: "sigterm", from: at, to: (servedAt ?? Date.now()) + 500 });
      say(`  serving again ${(servedAt ?? Date.now()) - at} ms after the signal (process start included)`);
      await sleep(2_000);
    }
  } finally {
    await traffic.stop();
  }
  report("faults", traffic.outcomes, windows);
  await countMarkers(pgMarkers(DB_URL), traffic, "faults");
  figures.recoveryMs = Object.fromEntries(
    Object.entries(recoveries).map(([k, v]) => [k, { n: v.length, max: Math.max(...v), p50: pct(v, 50) }]),
  );

  if (which.has("contention")) {
    say(`contention: 10 page renders and 10 writers for ${CONTENTION_S} s`);
    const load = startTraffic(target, {
      writers: 10,
      readers: 0,
      pages: 10,
      allianceIds: demo.allianceIds,
      run: `${RUN}c`,
    });
    await sleep(CONTENTION_S * 1000);
    await load.stop();
    const pages = load.outcomes.filter((o) => o.kind === "page");
    const writes = load.outcomes.filter((o) => o.kind === "write");
    const ms = (list: Outcome[]) => list.map((o) => o.ended - o.started);
    say(
      `  ${pages.length} pages (p50 ${pct(ms(pages), 50)} ms, max ${Math.max(0, ...ms(pages))} ms), ` +
        `${writes.length} writes (p50 ${pct(ms(writes), 50)} ms, max ${Math.max(0, ...ms(writes))} ms)`,
    );
    figures.contention = {
      pages: pages.length,
      pageP50: pct(ms(pages), 50),
      pageMax: Math.max(0, ...ms(pages)),
      writes: writes.length,
      writeP50: pct(ms(writes), 50),
      writeMax: Math.max(0, ...ms(writes)),
    };
    report("contention", load.outcomes, []);
    await countMarkers(pgMarkers(DB_URL), load, "contention");
  }

  await stopApp(app);
  if (which.has("restore")) await restoreDrill(env, demo);
}

/** Table by table, a digest of every row, in a stable order. */
async function fingerprints(url: string): Promise<Map<string, string>> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const tables = await client<
      Array<{ name: string }>
    >`select tablename as name from pg_tables where schemaname = 'public' order by 1`;
    const out = new Map<string, string>();
    for (const { name } of tables) {
      const [row] = await client<Array<{ rows: number; digest: string | null }>>`
        select count(*)::int as rows, md5(string_agg(t::text, E'\n' order by t::text)) as digest from ${client(name)} t`;
      out.set(name, `${row!.rows}:${row!.digest}`);
    }
    return out;
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function restoreDrill(env: NodeJS.ProcessEnv, demo: { token: string; slug: string; allianceIds: string[] }) {
  say("restore: pg_dump, a fresh cluster (initdb), db:migrate, pg_restore, the app on it");
  const dir = mkdtempSync(path.join(tmpdir(), "maillage-drill-"));
  const dump = path.join(dir, "maillage.dump");
  const cluster = path.join(dir, "cluster");
  const port = String(Number(option("restore-port", "5499")));
  const asPostgres = process.getuid?.() === 0 ? "postgres" : undefined;
  let clusterUp = false;
  try {
    let t = Date.now();
    run("pg_dump", ["--format=custom", `--file=${dump}`, DB_URL]);
    const dumpMs = Date.now() - t;
    spawnSync("chown", ["-R", "postgres:postgres", dir]);
    run(`${PG_BIN}/initdb`, ["-D", cluster, "-A", "trust", "-U", "postgres", "--no-sync"], process.env, asPostgres);
    run(
      `${PG_BIN}/pg_ctl`,
      [
        "-D",
        cluster,
        "-o",
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
        "-l",
        path.join(dir, "pg.log"),
        "-w",
        "start",
      ],
      process.env,
      asPostgres,
    );
    clusterUp = true;
    const freshAdmin = dbUrl("postgres", port);
    const restoredUrl = dbUrl("maillage", port);
    const fresh = postgres(freshAdmin, { max: 1, onnotice: () => {} });
    const roles = await fresh<
      Array<{ n: number }>
    >`select count(*)::int as n from pg_roles where rolname like 'maillage%'`;
    await fresh`create database maillage`;
    await fresh.end();
    say(`  fresh cluster on port ${port}: ${roles[0]!.n} maillage roles before db:migrate`);
    // Roles first, through db:migrate --roles-only, then the dump brings the whole schema (the job
    // queue's partitioned tables cannot be cleaned and restored over the ones migrations make).
    t = Date.now();
    run(process.execPath, ["--import", "tsx", "scripts/migrate.ts", "--roles-only"], {
      ...env,
      DATABASE_URL: restoredUrl,
    });
    const restore = spawnSync(
      "pg_restore",
      ["--clean", "--if-exists", "--exit-on-error", "--dbname", restoredUrl, dump],
      { encoding: "utf8" },
    );
    const restoreMs = Date.now() - t;
    if (restore.status !== 0) fail(`restore: pg_restore failed: ${restore.stderr.split("\n").slice(0, 5).join(" / ")}`);
    const [before, after] = [await fingerprints(DB_URL), await fingerprints(restoredUrl)];
    const different = [...before.keys()].filter((k) => before.get(k) !== after.get(k));
    const rows = [...before.values()].reduce((n, v) => n + Number(v.split(":")[0]), 0);
    say(
      `  dump ${dumpMs} ms, db:migrate + pg_restore ${restoreMs} ms; ${before.size} tables, ${rows} rows, ${different.length} different`,
    );
    figures.restore = { dumpMs, restoreMs, tables: before.size, rows, different };
    if (different.length || before.size !== after.size)
      fail(`restore: tables differ after the restore: ${different.join(", ")}`);

    // The app on the restored database: the same workspace answers the same list, and writes.
    const originalApp = await startApp(env);
    const list = async (port: number) => (await readList({ port, token: demo.token, slug: demo.slug })).body;
    const original = await list(PORT);
    await stopApp(originalApp);
    const restoredApp = await startApp(appEnv(restoredUrl), PORT + 1);
    try {
      const restored = await list(PORT + 1);
      const write = await request(
        { port: PORT + 1, token: demo.token, slug: demo.slug },
        "write",
        "POST",
        "/api/trpc/alliances.addTimelineEntry",
        JSON.stringify(
          wire.serialize({
            workspaceSlug: demo.slug,
            allianceId: demo.allianceIds[0],
            kind: "note",
            title: `drill-${RUN}-restored`,
            occurredOn: new Date().toISOString().slice(0, 10),
          }),
        ),
      );
      const dashboard = await request(
        { port: PORT + 1, token: demo.token, slug: demo.slug },
        "page",
        "GET",
        `/w/${demo.slug}`,
      );
      say(
        `  app on the restored database: list ${restored === original ? "identical" : "DIFFERENT"}, dashboard ${dashboard.status}`,
      );
      figures.restoreApp = { listIdentical: restored === original, dashboard: dashboard.status, write: write.status };
      if (write.status !== 200) fail(`restore: a write answered ${write.status} on the restored database`);
      if (restored !== original) fail("restore: the workspace's alliance list differs on the restored database");
      if (dashboard.status !== 200)
        fail(`restore: the dashboard answered ${dashboard.status} on the restored database`);
    } finally {
      await stopApp(restoredApp);
    }
  } finally {
    if (clusterUp)
      spawnSync(
        asPostgres ? "runuser" : `${PG_BIN}/pg_ctl`,
        asPostgres
          ? ["-u", asPostgres, "--", `${PG_BIN}/pg_ctl`, "-D", cluster, "-m", "immediate", "stop"]
          : ["-D", cluster, "-m", "immediate", "stop"],
      );
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// PGlite

async function pgliteDrill() {
  const dataDir = path.join(WORK, `pglite-${RUN}`);
  const env = appEnv(undefined, { PGLITE_DIR: dataDir });
  say(`PGlite: ${dataDir}`);
  prepareDatabase(env);
  const demo = await demoTarget(undefined, dataDir);
  const target = (): Target => ({ port: PORT + 2, token: demo.token, slug: demo.slug });
  try {
    let app = await startApp(env, PORT + 2);
    const kills: number[] = [];
    const windows: Window[] = [];
    const traffic = startTraffic(target, {
      writers: 2,
      readers: 1,
      pages: 0,
      allianceIds: demo.allianceIds,
      run: `${RUN}p`,
    });
    let backup: { file: string; requestedAt: number; ms: number } | null = null;
    try {
      // A copy taken by the running app in the middle of the writes (npm run db:backup).
      await sleep(2_000);
      const file = path.join(WORK, `pglite-${RUN}.tar.gz`);
      const requestedAt = Date.now();
      const out = run(process.execPath, ["--import", "tsx", "scripts/db-backup.ts", file], env);
      backup = { file, requestedAt, ms: Date.now() - requestedAt };
      say(`  db:backup during writes: ${out.trim()} in ${backup.ms} ms`);
      if (!/taken by the running app/.test(out)) fail("pglite: the backup was not taken by the running app");
      for (let i = 0; i < 3; i++) {
        await sleep(3_000);
        const at = Date.now();
        await stopApp(app, "SIGKILL");
        app = await startApp(env, PORT + 2);
        const servedAt = await waitServed(target(), 30_000);
        windows.push({ name: "kill -9", from: at, to: (servedAt ?? Date.now()) + 500 });
        kills.push((servedAt ?? Date.now()) - at);
      }
      await sleep(2_000);
    } finally {
      await traffic.stop();
    }
    say(`  kill -9 three times during writes; serving again after ${kills.join(", ")} ms (process start included)`);
    // A second server on the same folder refuses to start, saying why (it used to answer 500 on every page).
    const second = spawnSync(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--port", String(PORT + 3)], {
      env: { ...env, APP_URL: `http://localhost:${PORT + 3}` },
      encoding: "utf8",
      timeout: 60_000,
    });
    const refusedClearly = second.status === 1 && /is in use by process \d+/.test(second.stderr);
    say(
      `  second server on the same folder: exit ${second.status}${refusedClearly ? ", refused with the owner's pid" : ""}`,
    );
    if (!refusedClearly)
      fail(
        `pglite: a second server on the same folder did not refuse to start (exit ${second.status}): ${second.stderr.slice(0, 300)}`,
      );
    report("pglite", traffic.outcomes, windows);
    const stopped = await stopApp(app);
    const lockLeft = existsSync(`${dataDir}.lock`);
    say(`  SIGTERM: exit code ${stopped.code} in ${stopped.ms} ms; lock file ${lockLeft ? "LEFT" : "removed"}`);
    figures.pglite = { restartMs: kills, exitCode: stopped.code, lockLeft };
    if (stopped.code !== 0) fail(`pglite: exit code ${stopped.code} on SIGTERM`);
    if (lockLeft) fail("pglite: the lock file was left after SIGTERM");
    await countMarkers(
      async (markers) => {
        const database = await openDatabase({ dataDir });
        try {
          const rows = resultRows<{ title: string; n: number }>(
            await database.db.execute(
              sql`select title, count(*)::int as n from alliance_timeline where title like ${`drill-${RUN}p-%`} group by title`,
            ),
          );
          return rows.filter((r) => markers.includes(r.title));
        } finally {
          await database.close();
        }
      },
      traffic,
      "pglite",
    );
    // The copy restored: every write acknowledged before the backup was asked for is in it.
    if (backup) {
      run(process.execPath, ["--import", "tsx", "scripts/db-restore.ts", backup.file], env);
      const before = [...traffic.acknowledgedAt.entries()].filter(([, at]) => at < backup!.requestedAt).map(([m]) => m);
      const database = await openDatabase({ dataDir });
      let found: Set<string>;
      try {
        found = new Set(
          resultRows<{ title: string }>(
            await database.db.execute(sql`select title from alliance_timeline where title like ${`drill-${RUN}p-%`}`),
          ).map((r) => r.title),
        );
      } finally {
        await database.close();
      }
      const missing = before.filter((m) => !found.has(m));
      say(
        `  db:restore of that copy: ${before.length} writes acknowledged before the backup, ${before.length - missing.length} in the copy`,
      );
      figures.pgliteBackup = {
        ms: backup.ms,
        acknowledgedBefore: before.length,
        inCopy: before.length - missing.length,
      };
      if (missing.length) fail(`pglite: ${missing.length} writes acknowledged before the backup are missing from it`);
    }
    // An idle server stopped at once: the database closes and the lock file goes.
    const idle = await startApp(env, PORT + 2);
    const idleStop = await stopApp(idle);
    if (existsSync(`${dataDir}.lock`) || idleStop.code !== 0)
      fail(`pglite: idle SIGTERM exit ${idleStop.code}, lock ${existsSync(`${dataDir}.lock`) ? "left" : "removed"}`);
    else say(`  idle SIGTERM: exit 0 in ${idleStop.ms} ms, lock file removed`);
  } finally {
    for (const leftover of readdirSync(WORK).filter((f) => f.startsWith(`pglite-${RUN}`)))
      rmSync(path.join(WORK, leftover), { recursive: true, force: true });
  }
}
