import { workspaceArchive } from "../../services/gdpr/archive";
import { deleteWorkspace } from "../../services/gdpr/delete-workspace";
import { DeleteWorkspaceInput } from "../../services/gdpr/schemas";
import { createWorkspace } from "../../services/workspaces/create-workspace";
import { getWorkspaceFrame } from "../../services/workspaces/get-frame";
import { getWorkspace } from "../../services/workspaces/get-workspace";
import { listMyWorkspaces } from "../../services/workspaces/list-my-workspaces";
import { CreateWorkspaceInput, UpdateWorkspaceInput } from "../../services/workspaces/schemas";
import { updateWorkspace } from "../../services/workspaces/update-workspace";
import { getVerification } from "../../services/workspaces/get-verification";
import { requestVerification } from "../../services/workspaces/request-verification";
import { RequestVerificationInput } from "../../services/workspaces/schemas";
import { authedProcedure, router, withoutSlug, workspaceProcedure } from "../procedures";

export const workspacesRouter = router({
  listMine: authedProcedure.meta({ permission: "authed" }).query(({ ctx }) => listMyWorkspaces(ctx.service)),
  create: authedProcedure
    .meta({ permission: "authed" })
    .input(CreateWorkspaceInput)
    .mutation(({ ctx, input }) => createWorkspace(ctx.service, input)),
  get: workspaceProcedure.meta({ permission: "workspace.read" }).query(({ ctx }) => getWorkspace(ctx.workspace)),
  /** The workspace and what its pages show around their content (the layout), in one transaction. */
  frame: workspaceProcedure.meta({ permission: "workspace.read" }).query(({ ctx }) => getWorkspaceFrame(ctx.workspace)),
  /**
   * Does nothing inside the workspace's tenant transaction: what every workspace call pays for
   * authentication, membership and the scoped transaction. Monitoring and `npm run bench` use it.
   */
  ping: workspaceProcedure
    .meta({ permission: "workspace.read" })
    .query(({ ctx }) => ({ ok: true as const, role: ctx.workspace.role })),
  update: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(UpdateWorkspaceInput)
    .mutation(({ ctx, input }) => updateWorkspace(ctx.workspace, withoutSlug(input))),
  archive: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .query(({ ctx }) => workspaceArchive(ctx.workspace)),
  delete: workspaceProcedure
    .meta({ permission: "workspace.delete" })
    .input(DeleteWorkspaceInput)
    .mutation(({ ctx, input }) => deleteWorkspace(ctx.workspace, withoutSlug(input))),
  verification: workspaceProcedure
    .meta({ permission: "workspace.read" })
    .query(({ ctx }) => getVerification(ctx.workspace)),
  requestVerification: workspaceProcedure
    .meta({ permission: "workspace.update" })
    .input(RequestVerificationInput)
    .mutation(({ ctx, input }) => requestVerification(ctx.workspace, withoutSlug(input))),
});

/** The signed-in person's own account. */
