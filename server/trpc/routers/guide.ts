import { z } from "zod";
import { answerGuideQuestion } from "../../services/guide/answer-guide-question";
import { getGuide } from "../../services/guide/get-guide";
import { guideWording, saveGuideWording } from "../../services/guide/guide-wording";
import { AnswerGuideInput, SaveGuideWordingInput } from "../../services/guide/schemas";
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
  /** The workspace's own wording of the questions, for the alliances it creates. */
  wording: workspaceProcedure.meta({ permission: "alliances.read" }).query(({ ctx }) => guideWording(ctx.workspace)),
  /** Sets the workspace's own wording. */
  saveWording: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(SaveGuideWordingInput)
    .mutation(({ ctx, input }) => saveGuideWording(ctx.workspace, withoutSlug(input))),
});
