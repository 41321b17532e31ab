import { publicTool, publicTools } from "../../services/tools/catalogue";
import { deleteWorkspaceTool } from "../../services/tools/delete-workspace-tool";
import { getTool } from "../../services/tools/get-tool";
import { listTools } from "../../services/tools/list-tools";
import { saveWorkspaceTool } from "../../services/tools/save-workspace-tool";
import { SaveToolInput, ToolFilters, ToolIdInput, ToolSlugInput } from "../../services/tools/schemas";
import { suggestToolsForAlliance } from "../../services/tools/suggest-tools";
import { z } from "zod";
import { LOCALES } from "../../../messages/locales";
import { publicProcedure, router, withoutSlug, workspaceProcedure } from "../procedures";

export const toolsRouter = router({
  /** The public catalogue, filtered: open to anyone. */
  catalogue: publicProcedure
    .meta({ permission: "public" })
    .input(ToolFilters)
    .query(({ ctx, input }) => publicTools(ctx.db, input, input.locale ?? ctx.locale)),
  /** One public tool by slug; null when there is none. */
  get: publicProcedure
    .meta({ permission: "public" })
    .input(ToolSlugInput)
    .query(({ ctx, input }) => publicTool(ctx.db, input.slug, input.locale ?? ctx.locale)),
  /** The catalogue and this workspace's private tools, filtered. */
  list: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(ToolFilters)
    .query(({ ctx, input }) =>
      listTools(ctx.workspace.tx, input, ctx.workspace.workspaceId, input.locale ?? ctx.locale),
    ),
  /** One tool by slug, this workspace's own first; null when there is none. */
  find: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(ToolSlugInput)
    .query(({ ctx, input }) =>
      getTool(ctx.workspace.tx, input.slug, ctx.workspace.workspaceId, input.locale ?? ctx.locale),
    ),
  /** "Outils pour cette étape": the tools suggested for an alliance's current step. */
  suggestions: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .input(z.object({ allianceId: z.uuid(), locale: z.enum(LOCALES).optional() }))
    .query(({ ctx, input }) => suggestToolsForAlliance(ctx.workspace, input.allianceId, input.locale ?? ctx.locale)),
  /** Creates or edits one of the workspace's private tools. */
  save: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(SaveToolInput)
    .mutation(({ ctx, input }) => saveWorkspaceTool(ctx.workspace, withoutSlug(input))),
  /** Removes one of the workspace's private tools. */
  delete: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(ToolIdInput)
    .mutation(({ ctx, input }) => deleteWorkspaceTool(ctx.workspace, input.id)),
});
