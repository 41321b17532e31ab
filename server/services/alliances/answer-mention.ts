import { sql } from "drizzle-orm";
import { z } from "zod";
import { resultRows } from "../../../db/rows";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { AnswerMentionInput } from "./schemas";

/**
 * This (verified) workspace agrees to its organisation being named in the library as a partner
 * of the alliance, or refuses. Permission: alliances.share. Audited.
 */
export async function answerMention(ctx: WorkspaceContext, input: z.infer<typeof AnswerMentionInput>) {
  const [answered] = resultRows<{ alliance_id: string | null }>(
    await ctx.tx.execute(sql`select app_answer_mention(${input.partyId}, ${input.appear}) as alliance_id`),
  );
  if (!answered?.alliance_id) throw new AppError("NOT_FOUND", "errors.share.mentionNotFound");
  await recordAudit(ctx, {
    action: input.appear ? "mention.grant" : "mention.refuse",
    entityType: "alliance",
    entityId: answered.alliance_id,
  });
  return { allianceId: answered.alliance_id, appear: input.appear };
}
