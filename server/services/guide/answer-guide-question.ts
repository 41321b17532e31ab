import { and, desc, eq, sql } from "drizzle-orm";
import { allianceGuideAnswers } from "../../../db/schema";
import { isGuideQuestion } from "../../../domain/guide";
import { AppError } from "../../errors";
import { loadAllianceCore } from "../alliances/access";
import { recordChange } from "../alliances/record-change";
import type { WorkspaceContext } from "../context";
import { actingNames } from "../notifications/notifications";
import type { AnswerGuideInput } from "./schemas";

/**
 * Records this workspace's answer to a question of the alliance's questioning process, signed
 * with its organisation and its author; the earlier answers stay as history. The answer names
 * the one its author read: when a partner answered meanwhile, nothing is written and CONFLICT
 * comes back. Tenant: the workspace must be a party to the alliance. Permission:
 * alliances.write. Audited, in the shared history, and the co-owners are told.
 */
export async function answerGuideQuestion(ctx: WorkspaceContext, input: AnswerGuideInput) {
  if (!isGuideQuestion(input.stage, input.questionKey))
    throw new AppError("BAD_REQUEST", "errors.guide.question", { field: "questionKey" });
  const core = await loadAllianceCore(ctx, input.allianceId);
  // One writer at a time per alliance: the lock keeps "latest" stable until commit.
  await ctx.tx.execute(sqlLock(input.allianceId));
  const [latest] = await ctx.tx
    .select({ id: allianceGuideAnswers.id })
    .from(allianceGuideAnswers)
    .where(
      and(
        eq(allianceGuideAnswers.allianceId, input.allianceId),
        eq(allianceGuideAnswers.stage, input.stage),
        eq(allianceGuideAnswers.questionKey, input.questionKey),
      ),
    )
    .orderBy(desc(allianceGuideAnswers.createdAt), desc(allianceGuideAnswers.id))
    .limit(1);
  if ((latest?.id ?? null) !== input.basedOn) throw new AppError("CONFLICT", "errors.guide.stale");
  const names = await actingNames(ctx);
  const [saved] = await ctx.tx
    .insert(allianceGuideAnswers)
    .values({
      allianceId: input.allianceId,
      stage: input.stage,
      questionKey: input.questionKey,
      answer: input.answer,
      workspaceId: ctx.workspaceId,
      organisationName: names.organisation,
      userId: ctx.actor.userId,
      actorName: names.actor,
    })
    .returning({ id: allianceGuideAnswers.id, createdAt: allianceGuideAnswers.createdAt });
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "guide.answer",
    after: { stage: input.stage, question: input.questionKey, answer: input.answer },
    detail: { stage: input.stage, question: input.questionKey },
  });
  return saved!;
}

/** A transaction lock on the alliance's answers (two partners saving at once take turns). */
function sqlLock(allianceId: string) {
  return sql`select pg_advisory_xact_lock(hashtextextended(${`guide:${allianceId}`}, 0))`;
}
