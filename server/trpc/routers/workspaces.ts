import { createWorkspace } from "../../services/workspaces/create-workspace";
import { getWorkspace } from "../../services/workspaces/get-workspace";
import { listMyWorkspaces } from "../../services/workspaces/list-my-workspaces";
import { CreateWorkspaceInput, UpdateWorkspaceInput } from "../../services/workspaces/schemas";
import { updateWorkspace } from "../../services/workspaces/update-workspace";
import { authedProcedure, router, withoutSlug, workspaceProcedure } from "../procedures";

export const workspacesRouter = router({
  listMine: authedProcedure.query(({ ctx }) => listMyWorkspaces(ctx.service)),
  create: authedProcedure.input(CreateWorkspaceInput).mutation(({ ctx, input }) => createWorkspace(ctx.service, input)),
  get: workspaceProcedure.query(({ ctx }) => getWorkspace(ctx.workspace)),
  update: workspaceProcedure.input(UpdateWorkspaceInput).mutation(({ ctx, input }) => updateWorkspace(ctx.workspace, withoutSlug(input))),
});
