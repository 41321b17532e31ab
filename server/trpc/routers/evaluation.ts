import { z } from "zod";
import {
  closeCycle,
  CycleIdInput,
  getCycle,
  listCycles,
  OpenCycleInput,
  openCycle,
  QuestionnaireInput,
  saveQuestionnaire,
  SubmitAnswersInput,
  submitAnswers,
  workspaceQuestionnaire,
} from "../../services/evaluation/cycles";
import { AtRiskInput, atRiskAlliances } from "../../services/evaluation/health";
import {
  AddIndicatorInput,
  AddResultInput,
  addIndicator,
  addResult,
  DeleteResultInput,
  deleteResult,
  listIndicators,
} from "../../services/evaluation/indicators";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

const AllianceId = z.object({ allianceId: z.uuid() });

export const evaluationRouter = router({
  cycles: workspaceProcedure.input(AllianceId).query(({ ctx, input }) => listCycles(ctx.workspace, input.allianceId)),
  cycle: workspaceProcedure.input(CycleIdInput).query(({ ctx, input }) => getCycle(ctx.workspace, input.cycleId)),
  openCycle: workspaceProcedure
    .input(OpenCycleInput)
    .mutation(({ ctx, input }) => openCycle(ctx.workspace, withoutSlug(input))),
  submitAnswers: workspaceProcedure
    .input(SubmitAnswersInput)
    .mutation(({ ctx, input }) => submitAnswers(ctx.workspace, withoutSlug(input))),
  closeCycle: workspaceProcedure
    .input(CycleIdInput)
    .mutation(({ ctx, input }) => closeCycle(ctx.workspace, withoutSlug(input))),
  questionnaire: workspaceProcedure.query(({ ctx }) => workspaceQuestionnaire(ctx.workspace)),
  saveQuestionnaire: workspaceProcedure
    .input(QuestionnaireInput.extend({ reset: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => saveQuestionnaire(ctx.workspace, withoutSlug(input))),
  indicators: workspaceProcedure
    .input(AllianceId)
    .query(({ ctx, input }) => listIndicators(ctx.workspace, input.allianceId)),
  addIndicator: workspaceProcedure
    .input(AddIndicatorInput)
    .mutation(({ ctx, input }) => addIndicator(ctx.workspace, withoutSlug(input))),
  addResult: workspaceProcedure
    .input(AddResultInput)
    .mutation(({ ctx, input }) => addResult(ctx.workspace, withoutSlug(input))),
  deleteResult: workspaceProcedure
    .input(DeleteResultInput)
    .mutation(({ ctx, input }) => deleteResult(ctx.workspace, withoutSlug(input))),
  atRisk: workspaceProcedure
    .input(AtRiskInput)
    .query(({ ctx, input }) => atRiskAlliances(ctx.workspace, withoutSlug(input))),
});
