import { listAuditEvents } from "../../services/audit/list-audit-events";
import { ListAuditEventsInput } from "../../services/audit/schemas";
import { router, withoutSlug, workspaceProcedure } from "../procedures";

export const auditRouter = router({
  list: workspaceProcedure
    .meta({ permission: "audit.read" })
    .input(ListAuditEventsInput)
    .query(({ ctx, input }) => listAuditEvents(ctx.workspace, withoutSlug(input))),
});
