/**
 * Bad input against every procedure and every /api/v1 route of the production build.
 *
 * The procedures are read from the router itself (as the authorization matrix does), so a new one
 * cannot be left out; so are their input fields (zod object shapes). Each gets the generic bad
 * inputs (none, null, wrong types, malformed JSON, a wrong content type, deep nesting, prototype
 * keys) and, field by field, the bad values (wrong types, U+0000, huge, empty, right-to-left and
 * zero-width text, emoji, NaN, ±Infinity, huge and negative numbers, invalid UUIDs, SQL
 * fragments). It fails on any 5xx answer and on any answer holding SQL, a table name, a stack
 * trace or a file path.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run fuzz [-- --port 3300] [--json]
 *
 * It creates a fresh database (dropped at the end), loads the demo data, starts scripts/serve.ts
 * on it (the production build in .next, built when missing) and signs in as the demo association.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { getTableName, isTable } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import * as schema from "../../db/schema";
import { wire } from "../../domain/wire";
import { ROUTES } from "../../server/api/http-api";
import { createDemoSession } from "../../server/auth/sessions";
import { appRouter } from "../../server/trpc/root";

const { values: args } = parseArgs({
  options: { port: { type: "string", default: "3300" }, json: { type: "boolean", default: false } },
});
const PORT = Number(args.port);
const BASE = `http://localhost:${PORT}`;
const ADMIN_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const RUN = `${Date.now()}_${process.pid}`;
const DB = `maillage_fuzz_${RUN}`;
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB}`;
  return u.toString();
})();

// ---------------------------------------------------------------------------------------------
// What an answer must never hold

const TABLES = Object.values(schema)
  .filter((v) => isTable(v))
  .map((t) => getTableName(t as Parameters<typeof getTableName>[0]));
/** Table names as SQL would quote them, and the multi-word ones as they are (plain words like "alliances" appear in messages). */
const tablePatterns = TABLES.flatMap((name) => (name.includes("_") ? [name, `"${name}"`] : [`"${name}"`]));
const LEAKS: Array<[string, RegExp]> = [
  [
    "SQL",
    /\b(select\s+[\w"*.,\s]+\s+from\s|insert\s+into\s|update\s+"?\w+"?\s+set\s|delete\s+from\s|syntax error at|violates\s+\w+\s+constraint|duplicate key value|invalid input syntax for|relation "\w+" does not exist|Failed query:)/i,
  ],
  ["stack trace", /\n\s+at\s+[\w.<>$]+\s+\(|\bat\s+(async\s+)?[\w.$<>]+\s+\([^)]*:\d+:\d+\)/],
  ["file path", /(\/work\/|\/home\/|\/root\/|node_modules\/|\/\.next\/|[\w-]+\.(ts|tsx|mjs|cjs):\d+)/],
  ["table name", new RegExp(tablePatterns.map((p) => p.replace(/[.*+?^${}()|[\]\\"]/g, "\\$&")).join("|"))],
];

// ---------------------------------------------------------------------------------------------
// Bad values

const HUGE = "x".repeat(200_000);
const BAD_VALUES: Array<[string, unknown]> = [
  ["number for text", 42],
  ["text for number", "quarante-deux"],
  ["boolean", true],
  ["object", { nested: { deeper: 1 } }],
  ["array", [1, "a", null]],
  ["null", null],
  ["NUL", "a\u0000b"],
  ["control", "\u0007\u001b[31m"],
  ["empty", ""],
  ["spaces", "   "],
  ["huge", HUGE],
  ["rtl and zero-width", "\u202Eabc\u200B\u200D\u2066"],
  ["emoji", "🌱🤝🏽👩‍👩‍👧"],
  ["NaN", Number.NaN],
  ["Infinity", Number.POSITIVE_INFINITY],
  ["-Infinity", Number.NEGATIVE_INFINITY],
  ["huge number", 1e308],
  ["negative", -1],
  ["unsafe integer", 2 ** 60],
  ["fraction", 0.5],
  ["invalid uuid", "00000000-0000-0000-0000-00000000000g"],
  ["random uuid", "3f2b1c9e-8d7a-4e6f-9a0b-1c2d3e4f5a6b"],
  ["sql", "'; drop table alliances; --"],
  ["sql or", "1' or '1'='1"],
  ["far date", "99999-12-31"],
  ["bad date", "2024-13-45"],
  ["date object far", new Date(8.64e15)],
  ["proto key", JSON.parse('{"__proto__": {"polluted": true}}')],
];

function deep(levels: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

// ---------------------------------------------------------------------------------------------
// The app

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, commandArgs, { env, encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`${command} ${commandArgs.join(" ")} failed:\n${result.stderr || result.stdout}`);
}

async function startApp(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--port", String(PORT)], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    const ready = await fetch(`${BASE}/api/ready`).catch(() => null);
    if (ready?.status === 200) return child;
    await sleep(250);
  }
  child.kill("SIGTERM");
  throw new Error("the app did not become ready");
}

// ---------------------------------------------------------------------------------------------
// Requests and verdicts

interface Finding {
  target: string;
  variant: string;
  status: number;
  problem: string;
  excerpt: string;
}
const findings: Finding[] = [];
let sent = 0;
const statuses = new Map<number, number>();

async function send(target: string, variant: string, url: string, init: RequestInit) {
  sent++;
  let status = 0;
  let text = "";
  try {
    const response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    findings.push({ target, variant, status: 0, problem: `no answer: ${(error as Error).message}`, excerpt: "" });
    return;
  }
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  if (status >= 500) findings.push({ target, variant, status, problem: "5xx", excerpt: text.slice(0, 300) });
  // Successful answers carry data (JSON keys like "alliances", users' own text): leaks are looked for in refusals.
  if (status < 400) return;
  for (const [what, pattern] of LEAKS) {
    const match = pattern.exec(text);
    if (match)
      findings.push({
        target,
        variant,
        status,
        problem: `answer holds ${what}`,
        excerpt: text.slice(Math.max(0, match.index - 80), match.index + 120),
      });
  }
}

type Procedure = { _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[] } };

function fieldsOf(inputs: unknown[]): string[] {
  const fields = new Set<string>();
  for (const input of inputs) {
    const shape = (input as { shape?: Record<string, unknown> }).shape;
    if (shape) for (const key of Object.keys(shape)) fields.add(key);
  }
  return [...fields];
}

async function fuzzProcedure(path: string, procedure: Procedure, cookie: string, slug: string) {
  const { type, inputs } = procedure._def;
  if (type === "subscription") return;
  const headers = { cookie, "accept-language": "fr" };
  const url = `${BASE}/api/trpc/${path}`;
  const call = (variant: string, input: unknown) => {
    const encoded = JSON.stringify(input === undefined ? undefined : wire.serialize(input));
    return type === "query"
      ? send(path, variant, encoded === undefined ? url : `${url}?input=${encodeURIComponent(encoded)}`, { headers })
      : send(path, variant, url, {
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: encoded ?? "",
        });
  };
  const raw = (variant: string, body: string, contentType: string) =>
    type === "query"
      ? send(path, variant, `${url}?input=${encodeURIComponent(body)}`, { headers })
      : send(path, variant, url, { method: "POST", headers: { ...headers, "content-type": contentType }, body });

  await call("no input", undefined);
  await call("null", null);
  await call("string", "bonjour");
  await call("array", [1, 2, 3]);
  await call("empty object", {});
  await call("extra fields", { workspaceSlug: slug, unexpected: "x", another: { y: 1 } });
  await call("deep nesting", { workspaceSlug: slug, value: deep(2_000) });
  await call(
    "prototype keys",
    JSON.parse(
      `{"workspaceSlug": ${JSON.stringify(slug)}, "__proto__": {"admin": true}, "constructor": {"prototype": {"admin": true}}}`,
    ),
  );
  await raw("malformed JSON", '{"workspaceSlug": "', "application/json");
  await raw("wrong content type", `workspaceSlug=${slug}`, "application/x-www-form-urlencoded");
  await raw("text body", "plain text", "text/plain");
  await raw("raw NaN", '{"workspaceSlug": NaN}', "application/json");
  for (const field of fieldsOf(inputs)) {
    for (const [name, value] of BAD_VALUES) {
      const base: Record<string, unknown> = { workspaceSlug: slug };
      base[field] = value;
      await call(`${field}: ${name}`, base);
    }
  }
}

function concretePath(source: string, id: string) {
  return source.replace(/^\^/, "").replace(/\$$/, "").replaceAll("([0-9a-fA-F-]{36})", id).replace(/\\\//g, "/");
}

async function fuzzApi(token: string) {
  const ids = [
    "3f2b1c9e-8d7a-4e6f-9a0b-1c2d3e4f5a6b",
    "00000000-0000-0000-0000-000000000000",
    "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
  ];
  for (const route of ROUTES) {
    for (const id of ids) {
      const path = concretePath(route.pattern.source, id);
      const target = `${route.method} /api/v1${path}`;
      const url = `${BASE}/api/v1${path}`;
      const auth = { authorization: `Bearer ${token}`, "accept-language": "en" };
      if (route.method === "GET") {
        for (const query of [
          "",
          "?limit=-1",
          "?limit=1e308",
          "?cursor=%00",
          `?q=${"x".repeat(5000)}`,
          "?sdgGoal=NaN",
          "?from=99999-01-01",
          "?__proto__[admin]=1",
        ]) {
          await send(target, `query ${query.slice(0, 30)}`, `${url}${query}`, { headers: auth });
        }
        continue;
      }
      const post = (variant: string, body: string, contentType = "application/json") =>
        send(target, variant, url, { method: route.method, headers: { ...auth, "content-type": contentType }, body });
      await post("empty", "");
      await post("malformed", "{");
      await post("array", "[1,2]");
      await post("text", "bonjour", "text/plain");
      await post("deep", JSON.stringify(deep(2_000)));
      await post("proto", '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}');
      for (const field of [
        "title",
        "summary",
        "name",
        "amountEuros",
        "hours",
        "value",
        "periodEnd",
        "startsOn",
        "partners",
        "version",
        "kind",
        "unit",
        "id",
      ]) {
        for (const [name, value] of BAD_VALUES) {
          if (name === "huge" && field !== "title") continue;
          await post(`${field}: ${name}`, JSON.stringify({ [field]: value }));
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
let app: ChildProcess | null = null;
const started = Date.now();
try {
  if (!existsSync(".next/BUILD_ID")) run("npx", ["next", "build"], process.env);
  await admin.unsafe(`create database ${DB}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: dbUrl,
    AUTH_SECRET: "fuzz-secret-fuzz-secret-fuzz-secret-fuzz",
    APP_URL: BASE,
    DEMO_SIGN_IN: "true",
    LOG_LEVEL: "fatal",
    NEXT_TELEMETRY_DISABLED: "1",
    TERRITORY_STATISTICS_MINUTES: "0",
    // Every call must reach the procedures, not the token's rate limit.
    API_RATE_LIMIT: "100000",
  };
  run(process.execPath, ["--import", "tsx", "scripts/prepare.ts"], env);
  app = await startApp(env);

  const database = await openDatabase({ url: dbUrl });
  const session = await createDemoSession(database.db, "association");
  await database.close();
  if (!session) throw new Error("the demo association persona is missing");
  const cookie = `maillage.session-token=${session.sessionToken}`;
  const slug = session.workspaceSlug;

  const created = await fetch(`${BASE}/api/trpc/apiTokens.create`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify(wire.serialize({ workspaceSlug: slug, name: "fuzz", scope: "read_write", days: 1 })),
  });
  const token = (
    wire.deserialize(((await created.json()) as { result: { data: unknown } }).result.data) as { token: string }
  ).token;

  const procedures = (appRouter as unknown as { _def: { procedures: Record<string, Procedure> } })._def.procedures;
  const paths = Object.keys(procedures).sort();
  for (const path of paths) await fuzzProcedure(path, procedures[path]!, cookie, slug);
  await fuzzApi(token);

  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const summary = {
    procedures: paths.length,
    routes: ROUTES.length,
    requests: sent,
    findings: findings.length,
    seconds: Number(seconds),
    statuses: Object.fromEntries([...statuses].sort()),
  };
  console.log(
    `fuzz: ${paths.length} procedures and ${ROUTES.length} API routes, ${sent} requests in ${seconds} s; answers by status ${JSON.stringify(summary.statuses)}`,
  );
  for (const f of findings.slice(0, 50))
    console.log(`  FAIL ${f.target} [${f.variant}] → ${f.status}: ${f.problem} ${JSON.stringify(f.excerpt)}`);
  if (findings.length > 50) console.log(`  … and ${findings.length - 50} more`);
  if (args.json) console.log(JSON.stringify({ name: "fuzz", passed: findings.length === 0, ...summary }));
  console.log(findings.length === 0 ? "fuzz passed" : `fuzz failed: ${findings.length} findings`);
  process.exitCode = findings.length === 0 ? 0 : 1;
} finally {
  if (app) {
    app.kill("SIGTERM");
    await new Promise((r) => app!.once("exit", r));
  }
  await admin.unsafe(`drop database if exists ${DB} with (force)`).catch(() => {});
  await admin.end();
}
