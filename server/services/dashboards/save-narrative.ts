import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { sdgReportNarratives } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { SaveNarrativeInput } from "./schemas";

/**
 * Saves the team's narrative for one goal of the year's report; the edit names the version it
 * started from, so a concurrent edit is refused rather than lost. Permission: alliances.write. Audited.
 */
export async function saveNarrative(ctx: WorkspaceContext, input: z.infer<typeof SaveNarrativeInput>) {
  const [current] = await ctx.tx
    .select({ text: sdgReportNarratives.text, version: sdgReportNarratives.version })
    .from(sdgReportNarratives)
    .where(
      and(
        eq(sdgReportNarratives.workspaceId, ctx.workspaceId),
        eq(sdgReportNarratives.year, input.year),
        eq(sdgReportNarratives.goal, input.goal),
      ),
    )
    .for("update");
  if ((current?.version ?? 0) !== input.version) throw new AppError("CONFLICT", "errors.report.stale");
  const version = input.version + 1;
  if (current) {
    await ctx.tx
      .update(sdgReportNarratives)
      .set({ text: input.text, version, updatedBy: ctx.actor.userId, updatedAt: new Date() })
      .where(
        and(
          eq(sdgReportNarratives.workspaceId, ctx.workspaceId),
          eq(sdgReportNarratives.year, input.year),
          eq(sdgReportNarratives.goal, input.goal),
        ),
      );
  } else {
    await ctx.tx.insert(sdgReportNarratives).values({
      workspaceId: ctx.workspaceId,
      year: input.year,
      goal: input.goal,
      text: input.text,
      version,
      updatedBy: ctx.actor.userId,
    });
  }
  await recordAudit(ctx, {
    action: "report.narrative",
    entityType: "sdg_report",
    entityId: `${input.year}-${input.goal}`,
    before: { text: current?.text ?? "" },
    after: { text: input.text },
  });
  return { version };
}
