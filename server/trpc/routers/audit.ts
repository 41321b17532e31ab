import { listAuditEvents } from "../../services/audit/list-audit-events";
import { ListAuditEventsInput } from "../../services/audit/schemas";
import { router, workspaceProcedure } from "../procedures";

export const auditRouter = router({
  list: workspaceProcedure.input(ListAuditEventsInput).query(({ ctx, input }) => {
    const { workspaceSlug: _slug, ...page } = input;
    return listAuditEvents(ctx.workspace, page);
  }),
});
