import { organisationContacts } from "../../../db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { AddContactInput } from "./schemas";
import { loadOrganisation } from "./access";

/** Adds a contact person at an organisation, private to the workspace. Audited. */
export async function addContact(ctx: WorkspaceContext, input: AddContactInput) {
  await loadOrganisation(ctx, input.organisationId);
  const [contact] = await ctx.tx
    .insert(organisationContacts)
    .values({
      workspaceId: ctx.workspaceId,
      organisationId: input.organisationId,
      name: input.name,
      role: input.role ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
    })
    .returning();
  await recordAudit(ctx, {
    action: "contact.add",
    entityType: "organisation",
    entityId: input.organisationId,
    after: { name: input.name, role: input.role ?? null, email: input.email ?? null },
  });
  return contact!;
}
