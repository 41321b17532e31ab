import { and, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { allianceParties, evaluationCycles, evaluationParticipants, organisations } from "../../../db/schema";
import { AppError, sqlState } from "../../errors";
import type { WorkspaceContext } from "../context";
import { loadAllianceCore } from "../alliances/access";
import { OpenCycleInput } from "./schemas";
import { workspaceQuestionnaire } from "./workspace-questionnaire";
import { recordChange } from "../alliances/record-change";

/**
 * Opens an evaluation cycle for a period: every accepted co-owning workspace is asked to
 * answer (and told so). One open cycle per alliance at a time. Permission: alliances.write. Audited.
 */
export async function openCycle(ctx: WorkspaceContext, input: z.infer<typeof OpenCycleInput>) {
  const core = await loadAllianceCore(ctx, input.allianceId);
  if (input.dueOn < new Date().toISOString().slice(0, 10))
    throw new AppError("BAD_REQUEST", "errors.evaluation.dueInPast", { field: "dueOn" });
  const questions = await workspaceQuestionnaire(ctx);
  const parties = await ctx.tx
    .select({ workspaceId: allianceParties.workspaceId, name: organisations.name })
    .from(allianceParties)
    .innerJoin(organisations, eq(organisations.id, allianceParties.organisationId))
    .where(
      and(
        eq(allianceParties.allianceId, input.allianceId),
        eq(allianceParties.status, "accepted"),
        isNotNull(allianceParties.workspaceId),
      ),
    );
  let cycleId: string;
  try {
    const [cycle] = await ctx.tx
      .insert(evaluationCycles)
      .values({
        allianceId: input.allianceId,
        period: input.period,
        dueOn: input.dueOn,
        questions,
        openedByWorkspaceId: ctx.workspaceId,
        openedBy: ctx.actor.userId,
      })
      .returning({ id: evaluationCycles.id });
    cycleId = cycle!.id;
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("CONFLICT", "errors.evaluation.alreadyOpen");
    throw error;
  }
  await ctx.tx.insert(evaluationParticipants).values(
    parties.map((p) => ({
      cycleId,
      allianceId: input.allianceId,
      workspaceId: p.workspaceId!,
      organisationName: p.name,
    })),
  );
  await recordChange(ctx, {
    allianceId: input.allianceId,
    title: core.title,
    action: "evaluation.open",
    detail: { period: input.period },
    notify: "evaluation.requested",
    after: { period: input.period, dueOn: input.dueOn },
  });
  return { id: cycleId };
}
