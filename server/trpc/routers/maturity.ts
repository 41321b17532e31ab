import { z } from "zod";
import { LOCALES } from "../../../messages/locales";
import { closeAssessment } from "../../services/maturity/close-assessment";
import { getMaturity } from "../../services/maturity/get-maturity";
import { openAssessment } from "../../services/maturity/open-assessment";
import { saveMaturityAnswers } from "../../services/maturity/save-maturity-answers";
import { AssessmentIdInput, SaveMaturityAnswersInput } from "../../services/maturity/schemas";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

export const maturityRouter = router({
  /** The open self-assessment, the closed ones, the peer medians and the tools for weak axes. */
  get: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(z.object({ locale: z.enum(LOCALES).optional() }))
    .query(({ ctx, input }) => getMaturity(ctx.workspace, input.locale ?? ctx.locale)),
  /** Opens this year's self-assessment. */
  open: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .mutation(({ ctx }) => openAssessment(ctx.workspace)),
  /** Records the acting member's levels. */
  answer: workspaceProcedure
    .meta({ permission: "alliances.write" })
    .input(SaveMaturityAnswersInput)
    .mutation(({ ctx, input }) => saveMaturityAnswers(ctx.workspace, withoutSlug(input))),
  /** Closes the open self-assessment with the members' median levels. */
  close: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(AssessmentIdInput)
    .mutation(({ ctx, input }) => closeAssessment(ctx.workspace, withoutSlug(input))),
});
