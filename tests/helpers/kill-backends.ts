/**
 * Run as a child process by tests/integration/database-restart.test.ts: kills its own
 * PostgreSQL backend in the middle of transactions, as a server restart would, and checks
 * that the process survives and that the next requests are served. Prints one JSON summary.
 */
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { ResilientDatabase } from "../../db/resilient";
import { withScope } from "../../db/scope";

const url = process.env.DATABASE_URL!;
const rounds = Number(process.argv[2] ?? 8);
const faults: string[] = [];
const resilient = new ResilientDatabase({ url, poolMax: 3 });
// Without the driver patch (patches/postgres+3.4.9.patch) the driver throws from its socket
// code here; the guard would then keep the process alive, and the test counts those faults.
resilient.installCrashGuard(process, {
  error: (details) => faults.push(String((details as { err: Error }).err.message)),
  fatal: (details) => {
    console.log(JSON.stringify({ fatal: String((details as { err: Error }).err) }));
  },
});
const admin = postgres(url, { max: 1, onnotice: () => {} });

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms))]);

let recovered = 0;
const attemptsPerRound: number[] = [];
for (let round = 0; round < rounds; round++) {
  const { db } = await resilient.get();
  await withScope(db, {}, async (tx) => {
    const result = (await tx.execute(sql`select pg_backend_pid() as pid`)) as unknown as Array<{ pid: number }>;
    await admin`select pg_terminate_backend(${result[0]!.pid})`;
    await tx.execute(sql`select 1`);
  }).catch(() => undefined);
  // What the next requests see: each gets the current pool and up to 2 s.
  for (let attempt = 1; attempt <= 5; attempt++) {
    const ok = await withTimeout(
      resilient.get().then(({ db: current }) => withScope(current, {}, (tx) => tx.execute(sql`select 1`))),
      2000,
    ).then(
      () => true,
      () => false,
    );
    if (ok) {
      recovered++;
      attemptsPerRound.push(attempt);
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
console.log(JSON.stringify({ rounds, recovered, attemptsPerRound, faults: faults.length }));
await admin.end({ timeout: 1 });
process.exit(0);
