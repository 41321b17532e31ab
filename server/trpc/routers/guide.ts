import { z } from "zod";
import { answerGuideQuestion } from "../../services/guide/answer-guide-question";
import { getGuide } from "../../services/guide/get-guide";
import { AnswerGuideInput } from "../../services/guide/schemas";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

export const guideRouter = router({
  /** The alliance's questioning process: questions, shared answers with their authors, progress. */
  get: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(z.object({ allianceId: z.uuid() }))
    .query(({ ctx, input }) => getGuide(ctx.workspace, input.allianceId)),
  /** Records this workspace's answer to one question. */
  answer: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(AnswerGuideInput)
    .mutation(({ ctx, input }) => answerGuideQuestion(ctx.workspace, withoutSlug(input))),
});
