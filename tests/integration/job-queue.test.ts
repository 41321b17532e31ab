import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../db/client";
import { env } from "../../env";
import { logger } from "../../server/log";
import { startJobs, type Job } from "../../server/jobs/queue";
import { users } from "../../db/schema";
import { allianceInput, createWorkspaceWithRoles } from "../factories";
import { coOwnedAlliance } from "../factories/co-owned";
import { askDelivery, deliveryJob, DELIVERY_QUEUE } from "../../server/jobs/deliveries";
import { callerFor, RecordingMailer } from "../helpers/caller";
import { openTestDatabase, sqlRows } from "../helpers/db";
import { rejection } from "../helpers/errors";

const database = await openTestDatabase();
const log = logger().child({ test: "job-queue" });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A second "process": its own pool on the PostgreSQL server; on the embedded database, which
 * serves one process, the same database (two runners in one process still share nothing else).
 */
async function secondDatabase(): Promise<Database> {
  const url = env().DATABASE_URL;
  if (!url) return database;
  const other = await openDatabase({ url, poolMax: 3 });
  afterAll(() => other.close());
  return other;
}

const unique = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

/** Jobs of one queue by state, counted in pg-boss's tables (live and archived). */
async function jobStates(name: string) {
  const rows = await sqlRows<{ state: string; n: number }>(
    database.db.execute(
      sql`select state::text, count(*)::int as n from (
        select name, state from pgboss.job union all select name, state from pgboss.archive) j
        where name = ${name} group by state`,
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

describe("background jobs on the queue", () => {
  it("runs a scheduled job once per period however many processes run jobs", async () => {
    const other = await secondDatabase();
    const name = unique("tick");
    const runs: string[] = [];
    const job = (runner: string): Job => ({
      name,
      everyMs: 2_000,
      firstAfterMs: 10,
      failure: "tick failed",
      async run() {
        runs.push(runner);
      },
    });
    const a = await startJobs([job("a")], { get: async () => database }, log);
    const b = await startJobs([job("b")], { get: async () => other }, log);
    const started = Date.now();
    await sleep(7_000);
    await Promise.all([a.stop(), b.stop()]);
    const periods = (Date.now() - started) / 2_000;
    // Both asked at each period; one run per period slot (4 slots in 7 s, give or take the edges).
    expect(runs.length).toBeGreaterThanOrEqual(Math.floor(periods) - 1);
    expect(runs.length).toBeLessThanOrEqual(Math.ceil(periods) + 1);
    const states = await jobStates(name);
    expect(states.completed).toBe(runs.length);
    expect(states.failed).toBeUndefined();
    // One job per period slot: as many slots as jobs.
    const [slots] = await sqlRows<{ jobs: number; slots: number }>(
      database.db.execute(
        sql`select count(*)::int as jobs, count(distinct singleton_on)::int as slots
          from (select name, singleton_on from pgboss.job union all select name, singleton_on from pgboss.archive) j
          where name = ${name}`,
      ),
    );
    expect(slots!.jobs).toBe(slots!.slots);
  }, 30_000);

  it("retries a failed run with backoff, then leaves it failed with its reason", async () => {
    const name = unique("fails");
    let attempts = 0;
    const runner = await startJobs(
      [
        {
          name,
          everyMs: 60_000,
          firstAfterMs: 10,
          failure: "this job fails",
          retryLimit: 1,
          async run() {
            attempts++;
            throw new Error(`the mail server said no (${attempts})`);
          },
        },
      ],
      { get: async () => database },
      log,
    );
    // The first run, then a retry 5 s later (pg-boss polls every 2 s here).
    for (let i = 0; i < 60 && attempts < 2; i++) await sleep(250);
    await sleep(500);
    await runner.stop();
    expect(attempts).toBe(2);
    const [failed] = await sqlRows<{ state: string; output: { message?: string } }>(
      database.db.execute(sql`select state::text, output from pgboss.job where name = ${name}`),
    );
    expect(failed!.state).toBe("failed");
    expect(failed!.output.message).toBe("the mail server said no (2)");
  }, 30_000);

  it("never runs one job twice at once, even when a run outlasts its period", async () => {
    const other = await secondDatabase();
    const name = unique("slow");
    let running = 0;
    let most = 0;
    let runs = 0;
    const job: Job = {
      name,
      everyMs: 1_000,
      firstAfterMs: 10,
      failure: "slow failed",
      async run() {
        running++;
        most = Math.max(most, running);
        await sleep(2_500);
        running--;
        runs++;
      },
    };
    const a = await startJobs([job], { get: async () => database }, log);
    const b = await startJobs([job], { get: async () => other }, log);
    await sleep(6_000);
    await Promise.all([a.stop(), b.stop()]);
    expect(most).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(1);
  }, 30_000);
});

describe("the operators' view of the queue (/operator/travaux)", () => {
  it("shows each queue's jobs by state and the failed ones with their reason, runs one again, and refuses anyone else", async () => {
    await database.db.insert(users).values({ email: "operator@maillage.test" }).onConflictDoNothing();
    const [op] = await database.db.select().from(users).where(eq(users.email, "operator@maillage.test"));
    const operator = callerFor(database.db, op!);
    const name = unique("doomed");
    const runner = await startJobs(
      [
        {
          name,
          everyMs: 60_000,
          firstAfterMs: 10,
          failure: "doomed",
          retryLimit: 0,
          async run() {
            throw new Error("the SMTP server refused the message");
          },
        },
      ],
      { get: async () => database },
      log,
    );
    let failed: Awaited<ReturnType<typeof operator.operator.jobs>>["failed"] = [];
    for (let i = 0; i < 40 && failed.length === 0; i++) {
      await sleep(250);
      failed = (await operator.operator.jobs()).failed.filter((j) => j.name === name);
    }
    await runner.stop();
    expect(failed).toEqual([
      expect.objectContaining({ name, reason: "the SMTP server refused the message", attempts: 1 }),
    ]);
    const queues = (await operator.operator.jobs()).queues;
    expect(queues.find((q) => q.name === name)).toMatchObject({ failed: 1, waiting: 0, running: 0 });
    expect(queues.map((q) => q.name)).toContain("import");

    // Anyone else: refused, to read as to retry.
    const f = await createWorkspaceWithRoles(database.db);
    const owner = callerFor(database.db, f.users.owner);
    expect(await rejection(owner.operator.jobs())).toMatchObject({ code: "FORBIDDEN" });
    expect(await rejection(owner.operator.retryJob({ name, id: failed[0]!.id }))).toMatchObject({ code: "FORBIDDEN" });

    // Run again: waiting once more, no longer failed; a second retry finds nothing failed.
    expect(await operator.operator.retryJob({ name, id: failed[0]!.id })).toEqual({ id: failed[0]!.id, retried: true });
    const after = (await operator.operator.jobs()).queues.find((q) => q.name === name);
    expect(after).toMatchObject({ failed: 0, waiting: 1 });
    expect(await rejection(operator.operator.retryJob({ name, id: failed[0]!.id }))).toMatchObject({
      code: "NOT_FOUND",
      message: "errors.operator.jobNotFailed",
    });
  }, 30_000);
});

describe("notification emails and webhooks as delivery jobs", () => {
  /** Delivery jobs the current transaction added (pg-boss rows whose xmin is this transaction). */
  const addedHere = async (tx: Pick<Database["db"], "execute">) =>
    (
      await sqlRows<{ n: number }>(
        tx.execute(
          sql`select count(*)::int as n from pgboss.job where name = ${DELIVERY_QUEUE}
              and xmin::text = (txid_current() % 4294967296)::text`,
        ),
      )
    )[0]!.n;

  it("enqueues one delivery run with the transaction that wrote, or none if it rolls back", async () => {
    const inside = await database.db
      .transaction(async (tx) => {
        await askDelivery(tx);
        await askDelivery(tx);
        const n = await addedHere(tx);
        tx.rollback();
        return n;
      })
      .catch((e: unknown) => e);
    expect(inside).toBeInstanceOf(Error);
    // Asked twice, enqueued once; and the rollback took it away (nothing of it is left to run).
    const kept = await database.db.transaction(async (tx) => {
      await askDelivery(tx);
      await askDelivery(tx);
      return addedHere(tx);
    });
    expect(kept).toBe(1);
  });

  it("mails a co-owner's change to the other party through the job its transaction enqueued", async () => {
    const { a, b, id } = await coOwnedAlliance(database.db);
    const ownerA = callerFor(database.db, a.users.owner);
    const before = await jobStates(DELIVERY_QUEUE);
    const detail = await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id });
    const title = unique("Titre revu");
    await ownerA.alliances.update({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({
        title,
        partners: detail.parties
          .filter((p) => !p.isMine)
          .map((p) => ({ organisationId: p.organisationId!, role: "partenaire" as const })),
      }),
      id,
      version: detail.version,
    });
    const after = await jobStates(DELIVERY_QUEUE);
    expect((after.created ?? 0) + (after.active ?? 0) + (after.completed ?? 0)).toBeGreaterThan(
      (before.created ?? 0) + (before.active ?? 0) + (before.completed ?? 0),
    );

    // A process that runs jobs takes it and mails B's members within seconds, not at the outbox's turn.
    const mailer = new RecordingMailer();
    const runner = await startJobs([], { get: async () => database }, log, [
      deliveryJob({ mailer, appUrl: "http://localhost:3000", log }),
    ]);
    const mailed = () => mailer.sent.find((m) => m.to === b.users.owner.email && m.text.includes(title));
    for (let i = 0; i < 60 && !mailed(); i++) await sleep(250);
    await runner.stop();
    expect(mailed()).toBeDefined();
    expect(mailed()!.text).toContain(`/w/${b.workspace.slug}/alliances/${id}`);
    const [notice] = await sqlRows<{ emailed: boolean }>(
      database.db.execute(
        sql`select emailed_at is not null as emailed from notifications where workspace_id = ${b.workspace.id} and alliance_id = ${id} and kind = 'alliance.changed'`,
      ),
    );
    expect(notice).toEqual({ emailed: true });
  }, 30_000);
});
