import { z } from "zod";
import { closeCycle } from "../../services/evaluation/close-cycle";
import {
  CycleIdInput,
  OpenCycleInput,
  QuestionnaireInput,
  SubmitAnswersInput,
} from "../../services/evaluation/schemas";
import { getCycle } from "../../services/evaluation/get-cycle";
import { listCycles } from "../../services/evaluation/list-cycles";
import { openCycle } from "../../services/evaluation/open-cycle";
import { saveQuestionnaire } from "../../services/evaluation/save-questionnaire";
import { workspaceQuestionnaire } from "../../services/evaluation/workspace-questionnaire";
import { submitAnswers } from "../../services/evaluation/submit-answers";
import { atRiskAlliances } from "../../services/evaluation/health";
import { AtRiskInput } from "../../services/evaluation/schemas";
import { AddIndicatorInput, AddResultInput, DeleteResultInput } from "../../services/evaluation/schemas";
import { addIndicator } from "../../services/evaluation/add-indicator";
import { addResult } from "../../services/evaluation/add-result";
import { deleteResult } from "../../services/evaluation/delete-result";
import { listIndicators } from "../../services/evaluation/list-indicators";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

const AllianceId = z.object({ allianceId: z.uuid() });

export const evaluationRouter = router({
  cycles: workspaceProcedure
    .meta({ permission: "alliances.read", plans: "generic" })
    .input(AllianceId)
    .query(({ ctx, input }) => listCycles(ctx.workspace, input.allianceId)),
  cycle: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(CycleIdInput)
    .query(({ ctx, input }) => getCycle(ctx.workspace, input.cycleId)),
  openCycle: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(OpenCycleInput)
    .mutation(({ ctx, input }) => openCycle(ctx.workspace, withoutSlug(input))),
  submitAnswers: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(SubmitAnswersInput)
    .mutation(({ ctx, input }) => submitAnswers(ctx.workspace, withoutSlug(input))),
  closeCycle: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(CycleIdInput)
    .mutation(({ ctx, input }) => closeCycle(ctx.workspace, withoutSlug(input))),
  questionnaire: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .query(({ ctx }) => workspaceQuestionnaire(ctx.workspace)),
  saveQuestionnaire: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(QuestionnaireInput.extend({ reset: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => saveQuestionnaire(ctx.workspace, withoutSlug(input))),
  indicators: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(AllianceId)
    .query(({ ctx, input }) => listIndicators(ctx.workspace, input.allianceId)),
  addIndicator: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(AddIndicatorInput)
    .mutation(({ ctx, input }) => addIndicator(ctx.workspace, withoutSlug(input))),
  addResult: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(AddResultInput)
    .mutation(({ ctx, input }) => addResult(ctx.workspace, withoutSlug(input))),
  deleteResult: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(DeleteResultInput)
    .mutation(({ ctx, input }) => deleteResult(ctx.workspace, withoutSlug(input))),
  atRisk: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(AtRiskInput)
    .query(({ ctx, input }) => atRiskAlliances(ctx.workspace, withoutSlug(input))),
});
