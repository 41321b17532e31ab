import { and, eq } from "drizzle-orm";
import { organisationContacts } from "../../../db/schema";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";

/** Removes one of the workspace's contacts. Audited. */
export async function deleteContact(ctx: WorkspaceContext, input: { contactId: string }) {
  const [removed] = await ctx.tx
    .delete(organisationContacts)
    .where(and(eq(organisationContacts.id, input.contactId), eq(organisationContacts.workspaceId, ctx.workspaceId)))
    .returning();
  if (!removed) throw new AppError("NOT_FOUND", "errors.contact.notFound");
  await recordAudit(ctx, {
    action: "contact.delete",
    entityType: "organisation",
    entityId: removed.organisationId,
    before: { name: removed.name, role: removed.role, email: removed.email },
  });
}
