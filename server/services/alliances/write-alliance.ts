import { eq } from "drizzle-orm";
import { organisations } from "../../../db/schema";
import { allianceTrace } from "../../../domain/alliance-trace";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { ensureWorkspaceOrganisation } from "../organisations/ensure-workspace-organisation";
import { findOrCreateOrganisation } from "../organisations/find-or-create-organisation";
import { workspaceLists } from "../workspaces/workspace-lists";
import { getAlliance } from "./get-alliance";
import type { CreateAllianceInput } from "./schemas";
import { type AllianceDetails, writeAllianceDetails } from "./write-details";

type Details = Omit<CreateAllianceInput, "title">;

/** Partner organisations resolved to directory ids (created or reused), never the workspace's own. */
async function resolvePartners(ctx: WorkspaceContext, ownOrganisationId: string, partners: Details["partners"]) {
  const resolved: AllianceDetails["partners"] = [];
  for (const [i, p] of partners.entries()) {
    let partner: { id: string; name: string } | undefined;
    if (p.organisationId) {
      [partner] = await ctx.tx
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, p.organisationId));
      if (!partner) throw new AppError("BAD_REQUEST", "errors.alliance.unknownPartner", { field: `partners.${i}` });
    } else {
      partner = (await findOrCreateOrganisation(ctx, p.organisation!)).organisation;
    }
    if (partner.id === ownOrganisationId)
      throw new AppError("BAD_REQUEST", "errors.alliance.selfPartner", { field: `partners.${i}` });
    if (resolved.some((r) => r.organisationId === partner.id))
      throw new AppError("BAD_REQUEST", "errors.alliance.partnerTwice", { field: `partners.${i}` });
    resolved.push({ organisationId: partner.id, name: partner.name, role: p.role });
  }
  return resolved;
}

/** Checks the form's lists and writes every detail of an alliance (the caller has checked access and the version). */
export async function writeDetails(ctx: WorkspaceContext, allianceId: string, title: string, input: Details) {
  const lists = await workspaceLists(ctx);
  const roleKeys = lists.partnerRoles.map((r) => r.key);
  if (!roleKeys.includes(input.ownRole))
    throw new AppError("BAD_REQUEST", "errors.alliance.unknownRole", { field: "ownRole" });
  input.partners.forEach((p, i) => {
    if (!roleKeys.includes(p.role))
      throw new AppError("BAD_REQUEST", "errors.alliance.unknownRole", { field: `partners.${i}.role` });
  });
  input.engagements.forEach((e, i) => {
    if (!lists.engagementSchemes.some((s) => s.key === e.scheme))
      throw new AppError("BAD_REQUEST", "errors.alliance.unknownScheme", { field: `engagements.${i}.scheme` });
  });
  const ownOrganisationId = await ensureWorkspaceOrganisation(ctx);
  const [own] = await ctx.tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, ownOrganisationId));
  const partners = await resolvePartners(ctx, ownOrganisationId, input.partners);
  await writeAllianceDetails(
    ctx,
    [
      {
        id: allianceId,
        title,
        summary: input.summary ?? null,
        keyResults: input.keyResults ?? null,
        stage: input.stage,
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
        territory: input.territory,
        entryDoors: input.entryDoors,
        tags: input.tags,
        modes: input.modes.map((m) => ({ ...m, endsOn: m.endsOn ?? null })),
        sdgTargets: input.sdgTargets,
        partners,
        ownRole: input.ownRole,
        engagements: input.engagements.map((e) => ({
          scheme: e.scheme,
          employees: e.employees ?? null,
          hours: e.hours ?? null,
        })),
      },
    ],
    own?.name ?? "",
  );
}

/** A compact copy of an alliance for the audit log's before/after. */
export function snapshot(detail: Awaited<ReturnType<typeof getAlliance>>) {
  return {
    ...allianceTrace({
      ...detail,
      partners: detail.parties.map((p) => `${p.name} (${p.role})`),
      territory: { scope: detail.territoryScope, codes: detail.territories.map((t) => t.code) },
    }),
    version: detail.version,
  };
}
