import { sql } from "drizzle-orm";
import { z } from "zod";
import { resultRows } from "../../../db/rows";
import { AppError } from "../../errors";
import { retryJob } from "../../jobs/queue";
import { auditEvents } from "../../../db/schema";
import type { ServiceContext } from "../context";
import { asOperator } from "../territories/access";

/** A failed job to run again: its queue and its id. */
export const RetryJobInput = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  id: z.string().uuid(),
});

/**
 * The background jobs as an operator sees them: per queue, how many wait (new or to retry), run
 * and failed, and how many were done in the last hour; then the latest failed jobs with their
 * reason. Read in pgboss's tables as maillage_operator. Operators only.
 */
export async function operatorJobQueue(ctx: ServiceContext) {
  await asOperator(ctx);
  const counts = resultRows<{ name: string; state: string; n: number }>(
    await ctx.tx.execute(sql`select name, state::text as state, count(*)::int as n from pgboss.job
      where state <> 'completed' or completed_on > now() - interval '1 hour'
      group by name, state`),
  );
  const queues = new Map<
    string,
    { name: string; waiting: number; running: number; failed: number; doneLastHour: number }
  >();
  for (const { name } of resultRows<{ name: string }>(await ctx.tx.execute(sql`select name from pgboss.queue`)))
    queues.set(name, { name, waiting: 0, running: 0, failed: 0, doneLastHour: 0 });
  for (const { name, state, n } of counts) {
    const queue = queues.get(name) ?? { name, waiting: 0, running: 0, failed: 0, doneLastHour: 0 };
    queues.set(name, queue);
    if (state === "created" || state === "retry") queue.waiting += n;
    else if (state === "active") queue.running += n;
    else if (state === "failed") queue.failed += n;
    else if (state === "completed") queue.doneLastHour += n;
  }
  const failed = resultRows<{
    id: string;
    name: string;
    reason: string | null;
    attempts: number;
    created_on: string | Date;
    failed_on: string | Date | null;
  }>(
    await ctx.tx.execute(sql`select id, name, output->>'message' as reason, retry_count + 1 as attempts, created_on,
        completed_on as failed_on
      from pgboss.job where state = 'failed' order by completed_on desc nulls last limit 50`),
  );
  return {
    queues: [...queues.values()].sort((a, b) => a.name.localeCompare(b.name)),
    failed: failed.map((f) => ({
      id: f.id,
      name: f.name,
      reason: f.reason,
      attempts: Number(f.attempts),
      createdAt: new Date(f.created_on),
      failedAt: f.failed_on ? new Date(f.failed_on) : null,
    })),
  };
}

/**
 * Runs a failed job again (one more attempt). A job done for a workspace (an import) leaves an
 * audit row in that workspace's journal; every retry is logged with the operator. Operators only.
 */
export async function retryFailedJob(ctx: ServiceContext, input: z.infer<typeof RetryJobInput>) {
  await asOperator(ctx);
  const [job] = resultRows<{ workspace_id: string | null }>(
    await ctx.tx.execute(
      sql`select data->>'workspaceId' as workspace_id from pgboss.job where name = ${input.name} and id = ${input.id}`,
    ),
  );
  if (!job || !(await retryJob(ctx.tx, input.name, input.id)))
    throw new AppError("NOT_FOUND", "errors.operator.jobNotFailed");
  if (job.workspace_id)
    await ctx.tx.insert(auditEvents).values({
      workspaceId: job.workspace_id,
      actorUserId: ctx.actor.userId,
      action: "job.retry",
      entityType: "job",
      entityId: input.id,
      after: { queue: input.name, operator: ctx.actor.email },
      requestId: ctx.requestId,
    });
  ctx.log.info({ queue: input.name, job: input.id, operator: ctx.actor.email }, "failed job retried by an operator");
  return { id: input.id, retried: true };
}
