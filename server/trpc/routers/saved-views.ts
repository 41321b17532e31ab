import { z } from "zod";
import { deleteSavedView, listSavedViews, SaveViewInput, saveView } from "../../services/alliances/saved-views";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

export const savedViewsRouter = router({
  list: workspaceProcedure.meta({ permission: "alliances.read" }).query(({ ctx }) => listSavedViews(ctx.workspace)),
  save: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(SaveViewInput)
    .mutation(({ ctx, input }) => saveView(ctx.workspace, withoutSlug(input))),
  delete: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => deleteSavedView(ctx.workspace, input.id)),
});
