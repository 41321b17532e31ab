import { z } from "zod";
import { deleteSavedView, listSavedViews, SaveViewInput, saveView } from "../../services/alliances/saved-views";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

export const savedViewsRouter = router({
  list: workspaceProcedure.query(({ ctx }) => listSavedViews(ctx.workspace)),
  save: workspaceProcedure
    .input(SaveViewInput)
    .mutation(({ ctx, input }) => saveView(ctx.workspace, withoutSlug(input))),
  delete: workspaceProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => deleteSavedView(ctx.workspace, input.id)),
});
