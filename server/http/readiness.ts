import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import journal from "../../db/migrations/meta/_journal.json";
import { resultRows } from "../../db/rows";

export interface Readiness {
  ready: boolean;
  /** Why not, in a word an operator can search the logs for. */
  reason?: "database_unreachable" | "migrations_pending" | "timeout";
  /** The newest migration this build expects and the newest the database has (their timestamps). */
  expected?: number;
  applied?: number | null;
  /**
   * Whether some process runs the background jobs: the outbox (every 15 s) completed a run in
   * the last minute. Said, not counted in `ready`: a web process serves without a worker.
   */
  jobs?: { alive: boolean; lastRunAt: string | null };
}

/** The last completed run of the outbox job, from the queue's table (null if none, or no queue yet). */
async function lastJobRun(db: Db): Promise<Readiness["jobs"]> {
  try {
    const [row] = resultRows<{ at: string | Date | null; recent: boolean | null }>(
      await db.execute(sql`select max(completed_on) as at, max(completed_on) > now() - interval '1 minute' as recent
        from pgboss.job where name = 'outbox' and state = 'completed'`),
    );
    return { alive: row?.recent === true, lastRunAt: row?.at ? new Date(row.at).toISOString() : null };
  } catch {
    return { alive: false, lastRunAt: null };
  }
}

/** The newest migration of the build, as drizzle stamps it in `drizzle.__drizzle_migrations.created_at`. */
export const EXPECTED_MIGRATION = Math.max(...journal.entries.map((e) => e.when));

/**
 * Whether this process can serve: the database answers, and it has every migration this build
 * was made with (a database behind the code fails on the first query that needs a new column).
 * Runs two queries (the migrations, the jobs' last run), as the connecting role, outside any tenant scope; gives up after `timeoutMs`.
 */
export async function checkReadiness(db: Db, timeoutMs = 2_000): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, reason: "timeout", expected: EXPECTED_MIGRATION }), timeoutMs);
  });
  const check = (async (): Promise<Readiness> => {
    try {
      const [row] = resultRows<{ applied: string | null }>(
        await db.execute(sql`select max(created_at)::text as applied from drizzle.__drizzle_migrations`),
      );
      const applied = row?.applied ? Number(row.applied) : null;
      if (applied === null || applied < EXPECTED_MIGRATION)
        return { ready: false, reason: "migrations_pending", expected: EXPECTED_MIGRATION, applied };
      return { ready: true, expected: EXPECTED_MIGRATION, applied, jobs: await lastJobRun(db) };
    } catch {
      return { ready: false, reason: "database_unreachable", expected: EXPECTED_MIGRATION };
    }
  })();
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
