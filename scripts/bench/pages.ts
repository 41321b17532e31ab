/**
 * What a page costs to send: for each page of the demo data, the HTML's weight, the share of it
 * that is the messages inlined for the browser, and the server's answer time (p50, p95 over
 * --runs requests, one at a time) and, with --pid, the app process's CPU per request read from
 * /proc (robust on a shared machine, unlike latency), signed in as the association's demo persona.
 *
 *   DATABASE_URL=… npm run bench:pages -- --base http://localhost:3000 [--runs 20]
 *
 * The app must be running on that database with the demo data (npm start, or serve after
 * prepare). The session is created in the database, as the browser tests do.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { resultRows } from "../../db/rows";
import { createDemoSession } from "../../server/auth/sessions";

const { values } = parseArgs({
  options: {
    base: { type: "string", default: "http://localhost:3000" },
    runs: { type: "string", default: "20" },
    pid: { type: "string" },
  },
});
/** The app process's CPU time in ms (user + system, from /proc), when --pid names it. */
function appCpuMs(): number | null {
  if (!values.pid) return null;
  const fields = readFileSync(`/proc/${values.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}
const base = values.base!;
const runs = Number(values.runs);

const database = await openDatabase({ url: process.env.DATABASE_URL });
const session = await createDemoSession(database.db, "association");
if (!session) throw new Error("No demo persona: load the demo data first (DEMO_SIGN_IN=true npm run db:seed).");
const [alliance] = resultRows<{ id: string }>(
  await database.db
    .execute(sql`select a.id from alliances a join alliance_parties p on p.alliance_id = a.id join workspaces w on w.id = p.workspace_id
    where w.slug = ${session.workspaceSlug} and a.archived_at is null order by a.title limit 1`),
);
await database.close();

const ws = `/w/${session.workspaceSlug}`;
const pages: Array<[string, string, boolean]> = [
  ["home (visitor)", "/", false],
  ["sign-in (visitor)", "/signin", false],
  ["workspace dashboard", ws, true],
  ["alliance list", `${ws}/alliances`, true],
  ["an alliance", `${ws}/alliances/${alliance!.id}`, true],
  ["new alliance form", `${ws}/alliances/new`, true],
  ["SDG report", `${ws}/reports/sdg`, true],
  ["toolbox (visitor)", "/outils", false],
  ["a tool (visitor)", "/outils/preparer-premiere-rencontre-entreprise", false],
  ["SDG maturity", `${ws}/maturite`, true],
];
const cookie = `maillage.session-token=${session.sessionToken}`;

function quantile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

console.log(
  `${"page".padEnd(22)} ${"HTML kB".padStart(8)} ${"messages kB".padStart(12)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"app CPU ms".padStart(11)}`,
);
for (const [name, path, signedIn] of pages) {
  const times: number[] = [];
  let html = "";
  let cpuFrom: number | null = null;
  for (let i = 0; i < runs + 2; i++) {
    if (i === 2) cpuFrom = appCpuMs();
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers: signedIn ? { cookie } : {}, redirect: "manual" });
    html = await response.text();
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    if (i >= 2) times.push(performance.now() - started);
  }
  const cpuTo = appCpuMs();
  const cpu = cpuFrom === null || cpuTo === null ? "—" : ((cpuTo - cpuFrom) / runs).toFixed(1);
  times.sort((a, b) => a - b);
  // The messages travel in the RSC payload as the provider's "messages" prop; their size is read
  // from the escaped JSON that follows it, up to the matching brace.
  const at = html.indexOf('\\"messages\\":{');
  let messagesBytes = 0;
  if (at >= 0) {
    let depth = 0;
    for (let i = html.indexOf("{", at); i < html.length; i++) {
      if (html[i] === "{") depth++;
      else if (html[i] === "}" && --depth === 0) {
        messagesBytes = Buffer.byteLength(html.slice(at, i + 1));
        break;
      }
    }
  }
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  console.log(
    `${name.padEnd(22)} ${kb(Buffer.byteLength(html)).padStart(8)} ${kb(messagesBytes).padStart(12)} ${quantile(times, 0.5).toFixed(0).padStart(7)} ${quantile(times, 0.95).toFixed(0).padStart(7)} ${cpu.padStart(11)}`,
  );
}
