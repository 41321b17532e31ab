/**
 * The drill's PgBouncer scenario (`npm run drill -- --only pgbouncer`): the app and its tests
 * through PgBouncer (Debian's package) in transaction mode, where each transaction may run on
 * another server connection. Everything the app scopes must therefore live in the transaction
 * (`set local role`, `set_config(…, true)`, `pg_advisory_xact_lock`). It checks that:
 *   - the whole Vitest suite passes through the pooler (row-level security and tenant scoping
 *     included), with DATABASE_POOLER=transaction;
 *   - the production build, through the pooler, serves writers, readers and pages for 20 s with
 *     no failure and every acknowledged write stored once;
 *   - meanwhile, with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a small collector written here,
 *     its traces arrive, each request's span holding its procedures' and their statements';
 * and reports how many server connections the pooler used for how many client connections.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import http from "node:http";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { DrillKit } from "./scale-out";
import { startTraffic } from "./traffic";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where Debian installs PgBouncer. */
const PGBOUNCER = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].find((p) => existsSync(p));

/** Starts PgBouncer in transaction mode on `port`, in front of the server of `adminUrl`. */
async function startPgBouncer(adminUrl: string, port: number) {
  if (!PGBOUNCER) throw new Error("PgBouncer is not installed (apt-get install -y pgbouncer)");
  const server = new URL(adminUrl);
  const dir = mkdtempSync(path.join(tmpdir(), "maillage-pgbouncer-"));
  // Readable and writable by the user it runs as (PgBouncer refuses to run as root).
  chmodSync(dir, 0o777);
  const user = decodeURIComponent(server.username || "postgres");
  writeFileSync(path.join(dir, "users.txt"), `"${user}" ""\n`, { mode: 0o644 });
  writeFileSync(
    path.join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `* = host=${server.hostname} port=${server.port || 5432}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "users.txt")}`,
      "pool_mode = transaction",
      "max_client_conn = 1000",
      "default_pool_size = 20",
      "max_db_connections = 40",
      // Its admin console (SHOW POOLS) for the diagnostics of a failure, and a line of
      // figures in its log every 10 s (waits included), to read when a connection was slow.
      `admin_users = ${user}`,
      "stats_period = 10",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      "",
    ].join("\n"),
    { mode: 0o644 },
  );
  const asRoot = process.getuid?.() === 0;
  const child: ChildProcess = spawn(
    PGBOUNCER,
    [...(asRoot ? ["-u", "postgres"] : []), path.join(dir, "pgbouncer.ini")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let exited = false;
  child.once("exit", () => (exited = true));
  const until = Date.now() + 10_000;
  for (;;) {
    const probe = postgres({
      host: "127.0.0.1",
      port,
      user,
      database: "postgres",
      max: 1,
      connect_timeout: 1,
      prepare: false,
    });
    try {
      await probe`select 1`;
      await probe.end();
      break;
    } catch (error) {
      await probe.end({ timeout: 0 }).catch(() => {});
      if (exited || Date.now() > until)
        throw new Error(`PgBouncer did not start: ${(error as Error).message}\n${readLog(dir)}`);
      await sleep(200);
    }
  }
  return {
    dir,
    port,
    user,
    url: (database: string) => `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}/${database}`,
    async stop() {
      if (exited) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/**
 * What to read when the suite failed through the pooler: the pooler's warnings and its figures
 * of the last minutes (from its log), its pools now, and the server's connections by state.
 */
async function diagnostics(bouncer: { dir: string; port: number; user: string }, admin: postgres.Sql) {
  const file = path.join(bouncer.dir, "pgbouncer.log");
  const log = existsSync(file) ? readFileSync(file, "utf8").split("\n") : [];
  const notable = log.filter((l) =>
    /WARNING|ERROR|FATAL|login failed|stats:|closing because: (?!client close request)/.test(l),
  );
  const pools = spawnSync(
    "psql",
    ["-h", "127.0.0.1", "-p", String(bouncer.port), "-U", bouncer.user, "-d", "pgbouncer", "-c", "SHOW POOLS"],
    { encoding: "utf8", timeout: 5_000 },
  );
  const states = await admin<Array<{ datname: string | null; state: string | null; n: number }>>`
    select datname, state, count(*)::int as n from pg_stat_activity
    where backend_type = 'client backend' group by 1, 2 order by 3 desc`.catch(() => []);
  return [
    "pooler log (warnings, errors, figures; last 40 lines):",
    ...notable.slice(-40),
    "SHOW POOLS:",
    (pools.stdout || pools.stderr || String(pools.error)).trim(),
    "server connections by database and state:",
    ...states.map((r) => `  ${r.datname ?? "-"} ${r.state ?? "-"}: ${r.n}`),
  ].join("\n");
}

function readLog(dir: string) {
  const file = path.join(dir, "pgbouncer.log");
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-15).join("\n") : "";
}

interface ReceivedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

/** An OTLP/HTTP collector reduced to what the drill checks: it keeps every span posted to /v1/traces (JSON). */
async function startCollector(port: number) {
  const spans: ReceivedSpan[] = [];
  let posts = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/v1/traces") {
        posts++;
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
            resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: ReceivedSpan[] }> }>;
          };
          for (const r of body.resourceSpans ?? [])
            for (const scope of r.scopeSpans ?? []) for (const span of scope.spans ?? []) spans.push(span);
        } catch {
          // not JSON: counted as a post, checked below by the spans missing
        }
      }
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { spans, posts: () => posts, close: () => new Promise((resolve) => server.close(resolve)) };
}

export async function pgbouncerDrill(kit: DrillKit, adminUrl: string, options: { suite: boolean }) {
  const { say, fail, figures } = kit;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const port = kit.port + 40;
  const suiteDb = `maillage_drill_${kit.run}_bouncer_tests`;
  const appDb = `maillage_drill_${kit.run}_bouncer_app`;
  const direct = (database: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  say(`pgbouncer: the suite and the app through PgBouncer in transaction mode (port ${port})`);
  let bouncer: Awaited<ReturnType<typeof startPgBouncer>> | null = null;
  let app: Awaited<ReturnType<DrillKit["startApp"]>> | null = null;
  let collector: Awaited<ReturnType<typeof startCollector>> | null = null;
  try {
    bouncer = await startPgBouncer(adminUrl, port);
    for (const name of [suiteDb, appDb]) {
      await admin`create database ${admin(name)}`;
      // The session settings the app sends at connection elsewhere: the pooler refuses them
      // there, so they are the database's own (what docs/scaling.md tells an operator to do).
      await admin.unsafe(`alter database "${name}" set idle_in_transaction_session_timeout = '60s'`);
      await admin.unsafe(`alter database "${name}" set statement_timeout = '60s'`);
    }

    if (options.suite) {
      const started = Date.now();
      const result = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--reporter=dot"], {
        env: { ...process.env, DATABASE_URL: bouncer.url(suiteDb), DATABASE_POOLER: "transaction" },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      const seconds = Math.round((Date.now() - started) / 1000);
      const summary = `${result.stdout}`.split("\n").filter((l) => /Test Files|Tests /.test(l));
      const clean = summary.map((l) => l.replace(/\x1b\[[0-9;]*m/g, "").trim());
      figures["pgbouncer.suite"] = { status: result.status, seconds, summary: clean };
      say(`  Vitest through PgBouncer: ${clean.join("; ") || "no summary"} in ${seconds} s`);
      if (result.status !== 0) {
        const tail = `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, "").split("\n");
        fail(
          `pgbouncer: the suite failed through the pooler:\n${tail
            .filter((l) => /FAIL|Error|✗|×/.test(l))
            .slice(0, 20)
            .join("\n")}`,
        );
        // Said in full (a failure's line is cut at 600 characters).
        say(await diagnostics(bouncer, admin));
      }
    }

    // The production build, served through the pooler.
    collector = await startCollector(kit.port + 42);
    const env = kit.appEnv(bouncer.url(appDb), {
      DATABASE_POOLER: "transaction",
      DB_POOL_MAX: "10",
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${kit.port + 42}`,
      OTEL_SERVICE_NAME: "maillage-drill",
      OTEL_BSP_SCHEDULE_DELAY: "500",
    });
    // Migrated and seeded directly (the suite above already migrates through the pooler): in CI
    // once, the first connection of this step to a database new to PgBouncer waited past its
    // 3-s connect timeout, with nothing in either log to say why.
    kit.prepareDatabase({ ...env, DATABASE_URL: direct(appDb), DATABASE_POOLER: "none" });
    const demo = await kit.demoTarget(direct(appDb));
    app = await kit.startApp(env, kit.port + 41);
    const target = { port: kit.port + 41, token: demo.token, slug: demo.slug };
    const traffic = startTraffic(() => target, {
      writers: 4,
      readers: 4,
      pages: 2,
      allianceIds: demo.allianceIds,
      run: `${kit.run}b`,
    });
    await sleep(20_000);
    await traffic.stop();
    kit.report("pgbouncer", traffic.outcomes, []);
    await kit.countMarkers(kit.pgMarkers(direct(appDb)), traffic, "pgbouncer");
    // The traces the app sent meanwhile: a procedure's span inside its request's, statements inside it.
    await sleep(2_000);
    const byId = new Map(collector.spans.map((span) => [span.spanId, span]));
    const procedures = collector.spans.filter((span) => span.name.startsWith("trpc "));
    /** The span a chain of parents ends at: the request's, opened by the HTTP server. */
    const rootOf = (span: ReceivedSpan) => {
      let at = span;
      for (let depth = 0; at.parentSpanId && byId.has(at.parentSpanId) && depth < 30; depth++)
        at = byId.get(at.parentSpanId)!;
      return at;
    };
    const ancestorIs = (span: ReceivedSpan, test: (a: ReceivedSpan) => boolean): boolean => {
      for (
        let at = byId.get(span.parentSpanId ?? ""), depth = 0;
        at && depth < 30;
        at = byId.get(at.parentSpanId ?? ""), depth++
      )
        if (test(at)) return true;
      return false;
    };
    // Next.js's own spans sit between the request's and the procedure's.
    const nested = procedures.filter((p) => {
      const root = rootOf(p);
      return root !== p && !root.parentSpanId && /^(GET|POST) trpc /.test(root.name);
    });
    const statements = collector.spans.filter((span) => span.name.startsWith("db "));
    const statementsInProcedures = statements.filter((s) => ancestorIs(s, (a) => a.name.startsWith("trpc ")));
    figures["pgbouncer.tracing"] = {
      posts: collector.posts(),
      spans: collector.spans.length,
      procedures: procedures.length,
      proceduresInRequests: nested.length,
      statements: statements.length,
      statementsInProcedures: statementsInProcedures.length,
    };
    say(
      `  traces: ${collector.spans.length} spans in ${collector.posts()} OTLP posts; ${nested.length} of ${procedures.length} procedure spans inside their request's, ${statementsInProcedures.length} of ${statements.length} statement spans inside a procedure's`,
    );
    if (nested.length === 0) fail("pgbouncer: no procedure span arrived inside its request's span");
    if (statementsInProcedures.length === 0) fail("pgbouncer: no statement span arrived inside a procedure's span");
    const [servers] = await admin<
      Array<{ n: number }>
    >`select count(*)::int as n from pg_stat_activity where datname = ${appDb}`;
    figures["pgbouncer.app"] = { requests: traffic.outcomes.length, serverConnections: servers?.n ?? 0 };
    say(
      `  app through PgBouncer: ${traffic.outcomes.length} requests in 20 s; ${servers?.n ?? 0} server connections open on its database after the load`,
    );
  } catch (error) {
    // Said, with the pooler's last lines, and the drill goes on to its other scenarios.
    fail(`pgbouncer: ${(error as Error).message.slice(0, 400)}\n${bouncer ? readLog(bouncer.dir) : ""}`);
  } finally {
    if (app && !app.exited) await kit.stopApp(app);
    await bouncer?.stop();
    await collector?.close();
    for (const name of [suiteDb, appDb])
      await admin`drop database if exists ${admin(name)} with (force)`.catch(() => {});
    await admin.end({ timeout: 5 }).catch(() => {});
  }
}
