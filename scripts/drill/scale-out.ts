/**
 * The drill's scale-out scenario (`npm run drill -- --only scale-out`): three web instances and
 * two workers on one PostgreSQL database, behind a small round-robin proxy written here, under a
 * mixed load. It checks what the issue asks of several instances:
 *   - every scheduled job ran once per period (counted in pg-boss's tables);
 *   - an import started through one instance shows its progress through the others and is done once;
 *   - a token's rate limit holds across instances (exactly N accepted in a minute);
 *   - a worker killed in the middle of the import: the other runs it, once;
 *   - a web instance killed: the others keep serving, no acknowledged write lost;
 * and measures reads per second through the proxy with 1, 2 and 3 web instances.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import http from "node:http";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "../../db/client";
import { wire } from "../../domain/wire";
import { createDemoSession } from "../../server/auth/sessions";
import { benchImportFile } from "../bench/import-file";
import { readList, request, startTraffic, type Outcome, type Target, type Traffic, type Window } from "./traffic";

/** What the scenario borrows from the drill around it. */
export interface DrillKit {
  run: string;
  work: string;
  port: number;
  say(line: string): void;
  fail(line: string): void;
  figures: Record<string, unknown>;
  appEnv(databaseUrl: string, extra: Record<string, string>): NodeJS.ProcessEnv;
  startApp(
    env: NodeJS.ProcessEnv,
    port: number,
  ): Promise<{ child: ChildProcess; exited: boolean; expectedExit: boolean }>;
  stopApp(app: { child: ChildProcess }, signal?: NodeJS.Signals): Promise<unknown>;
  prepareDatabase(env: NodeJS.ProcessEnv): void;
  demoTarget(url: string): Promise<{ token: string; slug: string; allianceIds: string[] }>;
  countMarkers(
    query: (markers: string[]) => Promise<Array<{ title: string; n: number }>>,
    traffic: Traffic,
    label: string,
  ): Promise<void>;
  pgMarkers(url: string): (markers: string[]) => Promise<Array<{ title: string; n: number }>>;
  report(name: string, outcomes: Outcome[], windows: Window[]): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A round-robin proxy over the web instances; a refused connection (an instance down) goes to the next. */
function startProxy(port: number, backends: () => number[]) {
  let turn = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const attempt = (tries: number) => {
        const ports = backends();
        const to = ports[turn++ % ports.length]!;
        const upstream = http.request(
          { host: "127.0.0.1", port: to, path: req.url, method: req.method, headers: req.headers, agent },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-drill-backend": String(to) });
            answer.pipe(res);
          },
        );
        upstream.on("error", (error: NodeJS.ErrnoException) => {
          // Sent again, as load balancers do: a connection refused (the request never reached an
          // instance), and a kept-alive connection the instance closed as it was reused (Node's
          // documented race; nothing of the request was answered, and writes carry their key).
          const again =
            error.code === "ECONNREFUSED" || (error.code === "ECONNRESET" && upstream.reusedSocket === true);
          if (again && tries <= ports.length && !res.headersSent) attempt(tries + 1);
          else if (!res.headersSent) res.writeHead(502).end();
          else res.destroy();
        });
        upstream.end(body);
      };
      attempt(1);
    });
  });
  return new Promise<http.Server>((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

/** A tRPC call over HTTP as the browser makes it (one call, the app's wire format). */
async function trpc<T>(target: Target, kind: "query" | "mutation", procedure: string, input: unknown) {
  const encoded = JSON.stringify(wire.serialize(input));
  const answer =
    kind === "query"
      ? await request(target, "probe", "GET", `/api/trpc/${procedure}?input=${encodeURIComponent(encoded)}`)
      : await request(target, "probe", "POST", `/api/trpc/${procedure}`, encoded);
  if (answer.status !== 200) throw new Error(`${procedure}: ${answer.status} ${answer.body.slice(0, 300)}`);
  return wire.deserialize((JSON.parse(answer.body) as { result: { data: unknown } }).result.data) as T;
}

/** The demo company's owner, signed in, and its workspace. */
async function companyTarget(databaseUrl: string) {
  const database = await openDatabase({ url: databaseUrl, poolMax: 1 });
  try {
    const session = await createDemoSession(database.db, "company");
    if (!session) throw new Error("the demo company is missing");
    return { token: session.sessionToken, slug: session.workspaceSlug };
  } finally {
    await database.close();
  }
}

export async function scaleOutDrill(kit: DrillKit, adminUrl: string) {
  const { say, fail, figures } = kit;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const name = `maillage_drill_${kit.run}_scale`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  say(`scale-out: 3 web instances and 2 workers on database ${name}, behind a round-robin proxy`);
  await admin`create database ${admin(name)}`;
  const db = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  const env = kit.appEnv(databaseUrl, {
    JOBS_IN_WEB: "false",
    API_RATE_LIMIT: "40",
    JOB_MAINTENANCE_SECONDS: "5",
    // The killed worker's run is taken as stuck after this; the retried run of 1,500 rows must fit
    // in it on a busy machine, or pg-boss fails that run too and a third one finds the import done.
    IMPORT_JOB_EXPIRE_SECONDS: "30",
    // The instances' public address is the proxy's, as behind any load balancer.
    PUBLIC_APP_URL: `http://localhost:${kit.port + 20}`,
    APP_URL: `http://localhost:${kit.port + 20}`,
  });
  const webPorts = [kit.port + 10, kit.port + 11, kit.port + 12];
  const webs: Array<Awaited<ReturnType<DrillKit["startApp"]>>> = [];
  const workers: Array<{ child: ChildProcess; exited: boolean; killed: boolean }> = [];
  let proxy: http.Server | null = null;
  let alive = [...webPorts];
  try {
    kit.prepareDatabase(env);
    const demo = await kit.demoTarget(databaseUrl);
    for (const port of webPorts) webs.push(await kit.startApp(env, port));
    const startWorker = (n: number) => {
      const log = createWriteStream(path.join(kit.work, `worker-${kit.run}-${n}.log`));
      const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout!.pipe(log, { end: false });
      child.stderr!.pipe(log, { end: false });
      const worker = { child, exited: false, killed: false };
      child.once("exit", (code, signal) => {
        worker.exited = true;
        setTimeout(() => log.end(), 100);
        if (!worker.killed) fail(`scale-out: worker ${n} exited by itself (${code ?? signal}); see ${log.path}`);
      });
      workers.push(worker);
    };
    startWorker(1);
    startWorker(2);
    const proxyPort = kit.port + 20; // as PUBLIC_APP_URL says
    proxy = await startProxy(proxyPort, () => alive);
    const target: Target = { port: proxyPort, token: demo.token, slug: demo.slug };
    // The import is another organisation's (the demo company), while the association's members work.
    const company = await companyTarget(databaseUrl);
    const importer: Target = { port: proxyPort, token: company.token, slug: company.slug };

    // Reads per second through the proxy with 1, 2 and 3 instances (8 readers, 6 s each).
    const throughput: Record<string, number> = {};
    for (const count of [1, 2, 3]) {
      alive = webPorts.slice(0, count);
      let answered = 0;
      const until = Date.now() + 6_000;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (Date.now() < until) if ((await readList(target)).status === 200) answered++;
        }),
      );
      throughput[`${count}`] = Math.round(answered / 6);
    }
    alive = [...webPorts];
    figures["scale-out.readsPerSecond"] = throughput;
    say(
      `  alliance list through the proxy: ${throughput["1"]} / ${throughput["2"]} / ${throughput["3"]} reads per second with 1 / 2 / 3 instances`,
    );

    // The mixed load, for the rest of the scenario.
    const loadFrom = Date.now();
    const traffic = startTraffic(() => target, {
      writers: 2,
      readers: 2,
      pages: 1,
      allianceIds: demo.allianceIds,
      run: `${kit.run}s`,
    });
    const windows: Window[] = [];

    // An import, through the proxy: progress seen through several instances, a worker killed meanwhile.
    const rows = 1_500;
    const content = await benchImportFile(rows);
    const { id } = await trpc<{ id: string }>(importer, "mutation", "imports.upload", {
      workspaceSlug: company.slug,
      fileName: `drill-${kit.run}.xlsx`,
      content,
    });
    const upload = await trpc<{ mapping: Array<string | null> }>(importer, "query", "imports.get", {
      workspaceSlug: company.slug,
      id,
    });
    const preview = await trpc<{ ready: boolean }>(importer, "mutation", "imports.preview", {
      workspaceSlug: company.slug,
      id,
      mapping: upload.mapping,
    });
    if (!preview.ready) throw new Error("the drill's import file is not ready to import");
    await trpc(importer, "mutation", "imports.start", { workspaceSlug: company.slug, id });
    const progressSeenBy = new Set<string>();
    let killedWorker: number | null = null;
    let status = "queued";
    const importUntil = Date.now() + 150_000;
    while (Date.now() < importUntil && status !== "done" && status !== "failed") {
      const answer = await request(
        importer,
        "probe",
        "GET",
        `/api/trpc/imports.get?input=${encodeURIComponent(JSON.stringify(wire.serialize({ workspaceSlug: company.slug, id })))}`,
      );
      if (answer.status === 200) {
        const got = wire.deserialize((JSON.parse(answer.body) as { result: { data: unknown } }).result.data) as {
          status: string;
          progress: { done: number; total: number } | null;
        };
        status = got.status;
        if (got.progress && status === "queued") {
          if (answer.backend) progressSeenBy.add(answer.backend);
          // Once it runs, the worker running it is killed (its pid is in the progress's instance id).
          if (killedWorker === null) {
            const [row] = await db<
              Array<{ instance: string }>
            >`select instance from import_progress where import_id = ${id}`;
            const pid = Number(row?.instance.split("-").at(-2));
            const victim = workers.find((w) => w.child.pid === pid);
            if (victim) {
              victim.killed = true;
              victim.child.kill("SIGKILL");
              killedWorker = pid;
              say(
                `  import ${id.slice(0, 8)}: running on worker ${pid} (${got.progress.done}/${got.progress.total}), killed`,
              );
            }
          }
        }
      }
      await sleep(150);
    }
    const [imported] = await db<Array<{ n: number }>>`select count(*)::int as n from alliances a
      join alliance_external_refs r on r.alliance_id = a.id where r.import_id = ${id}`;
    // The import is done once its transaction commits; its job is marked completed just after,
    // or, where a run outlasted its expiry, by the next run, which finds the import done. So the
    // job is read until it settles.
    const readJobs = () => db<Array<{ state: string; retry_count: number }>>`select state::text, retry_count
      from pgboss.job where name = 'import' and data->>'importId' = ${id}`;
    let jobs = await readJobs();
    const settleUntil = Date.now() + 90_000;
    while (
      status === "done" &&
      Date.now() < settleUntil &&
      jobs.some((j) => j.state === "created" || j.state === "retry" || j.state === "active")
    ) {
      await sleep(500);
      jobs = await readJobs();
    }
    figures["scale-out.import"] = {
      status,
      rows,
      imported: imported?.n,
      killedWorker,
      progressSeenThrough: progressSeenBy.size,
      jobs,
    };
    say(
      `  import: ${status}, ${imported?.n ?? 0} of ${rows} alliances once, job ${jobs.map((j) => `${j.state} after ${j.retry_count} retries`).join(", ")}`,
    );
    say(`  its progress was read through ${progressSeenBy.size} of the 3 instances`);
    if (progressSeenBy.size < 2)
      fail(`scale-out: the import's progress showed through ${progressSeenBy.size} instance only`);
    if (status !== "done") fail(`scale-out: the import ended ${status}`);
    if (imported?.n !== rows) fail(`scale-out: the import wrote ${imported?.n} alliances for ${rows} rows`);
    if (killedWorker === null) fail("scale-out: the import's progress never showed, so no worker was killed under it");
    if (jobs.length !== 1 || jobs[0]!.state !== "completed")
      fail(`scale-out: the import's job ${JSON.stringify(jobs)}`);

    // A token's limit across the three instances: 40 a minute, 50 asked.
    const { token } = await trpc<{ token: string }>(target, "mutation", "apiTokens.create", {
      workspaceSlug: demo.slug,
      name: `drill ${kit.run}`,
      scope: "read",
      days: 1,
    });
    if (Date.now() % 60_000 > 50_000) await sleep(61_000 - (Date.now() % 60_000));
    // Five at a time across the instances (each answer in well under a second): all within the minute.
    const statuses: number[] = [];
    for (let sent = 0; sent < 50; sent += 5)
      statuses.push(
        ...(await Promise.all(
          Array.from(
            { length: 5 },
            async () =>
              (
                await request(target, "probe", "GET", "/api/v1/organisations", undefined, {
                  authorization: `Bearer ${token}`,
                })
              ).status,
          ),
        )),
      );
    const accepted = statuses.filter((s) => s === 200).length;
    const limited = statuses.filter((s) => s === 429).length;
    figures["scale-out.rateLimit"] = { limit: 40, asked: 50, accepted, limited };
    say(`  API token limited to 40 a minute, 50 asked across the instances: ${accepted} accepted, ${limited} refused`);
    if (accepted !== 40 || limited !== 10)
      fail(`scale-out: ${accepted} accepted and ${limited} refused for a limit of 40`);

    // One web instance killed under the load: the proxy sends to the others.
    await sleep(Math.max(0, loadFrom + 30_000 - Date.now()));
    const killedAt = Date.now();
    webs[2]!.expectedExit = true;
    webs[2]!.child.kill("SIGKILL");
    alive = webPorts.slice(0, 2);
    // Requests in flight on the killed instance fail with it: they are the fault's window.
    windows.push({ name: "web instance killed", from: killedAt - 100, to: killedAt + 1_000 });
    say("  web instance 3 killed (SIGKILL); the proxy sends to the two others");
    await sleep(Math.max(0, loadFrom + 60_000 - Date.now()));
    await traffic.stop();
    const loadTo = Date.now();
    kit.report("scale-out", traffic.outcomes, windows);
    await kit.countMarkers(kit.pgMarkers(databaseUrl), traffic, "scale-out");

    // Every scheduled job once per period: one job per period slot, and about as many as periods.
    const scheduled = await db<Array<{ name: string; jobs: number; slots: number }>>`
      select name, count(*)::int as jobs, count(distinct singleton_on)::int as slots
      from (select name, singleton_on, created_on from pgboss.job union all
            select name, singleton_on, created_on from pgboss.archive) j
      where name = 'outbox' and created_on between ${new Date(loadFrom)} and ${new Date(loadTo)}
      group by name`;
    const outbox = scheduled[0] ?? { name: "outbox", jobs: 0, slots: 0 };
    const periods = (loadTo - loadFrom) / 15_000;
    figures["scale-out.scheduled"] = { outbox, periods: Math.round(periods * 10) / 10 };
    say(
      `  outbox (every 15 s): ${outbox.jobs} runs in ${outbox.slots} periods over ${Math.round(periods * 10) / 10} periods of load`,
    );
    if (outbox.jobs !== outbox.slots) fail(`scale-out: the outbox ran ${outbox.jobs} times in ${outbox.slots} periods`);
    if (outbox.jobs < Math.floor(periods) - 1 || outbox.jobs > Math.ceil(periods) + 1)
      fail(`scale-out: the outbox ran ${outbox.jobs} times in ${periods.toFixed(1)} periods`);
  } finally {
    for (const worker of workers) {
      worker.killed = true;
      if (!worker.exited) worker.child.kill("SIGTERM");
    }
    for (const web of webs) if (!web.exited) await kit.stopApp(web);
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(null)));
    await db.end({ timeout: 5 }).catch(() => {});
    await sleep(500);
    await admin`drop database if exists ${admin(name)} with (force)`.catch(() => {});
    await admin.end({ timeout: 5 }).catch(() => {});
  }
}
