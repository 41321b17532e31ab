import { z } from "zod";
import { deleteSavedView } from "../../services/alliances/delete-saved-view";
import { listSavedViews } from "../../services/alliances/list-saved-views";
import { SaveViewInput } from "../../services/alliances/schemas";
import { saveView } from "../../services/alliances/save-view";
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
