import { and, eq, sql } from "drizzle-orm";
import { alliances, organisations } from "../../../db/schema";
import { resultRows } from "../../../db/rows";
import { allianceTrace } from "../../../domain/alliance-trace";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { ensureWorkspaceOrganisation, findOrCreateOrganisation } from "../organisations/find-or-create-organisation";
import { workspaceLists } from "../workspaces/workspace-lists";
import { getAlliance } from "./get-alliance";
import { recordChange } from "./record-change";
import type { CreateAllianceInput, UpdateAllianceInput } from "./schemas";
import { type AllianceDetails, movePublicRevision, writeAllianceDetails } from "./write-details";

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
async function writeDetails(ctx: WorkspaceContext, allianceId: string, title: string, input: Details) {
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
function snapshot(detail: Awaited<ReturnType<typeof getAlliance>>) {
  return {
    ...allianceTrace({
      ...detail,
      partners: detail.parties.map((p) => `${p.name} (${p.role})`),
      territory: { scope: detail.territoryScope, codes: detail.territories.map((t) => t.code) },
    }),
    version: detail.version,
  };
}

/** What the public library shows of an alliance: editing any of these asks for approval again. */
const PUBLIC_FIELDS = [
  "title",
  "summary",
  "keyResults",
  "startsOn",
  "endsOn",
  "partners",
  "modes",
  "sdgTargets",
  "territory",
];

function changedFields(before: ReturnType<typeof snapshot>, after: ReturnType<typeof snapshot>) {
  return (Object.keys(after) as Array<keyof typeof after>).filter(
    (k) => k !== "version" && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}

/**
 * Creates an alliance with its parties, mode periods, SDG targets, territory and engagement
 * schemes, in one transaction. The core row and the workspace's own party row are created by
 * app_create_alliance() (the request role cannot insert alliances itself). Audited.
 * Permission: alliances.write.
 */
export async function createAlliance(ctx: WorkspaceContext, input: CreateAllianceInput) {
  const ownOrganisationId = await ensureWorkspaceOrganisation(ctx);
  const [created] = resultRows<{ id: string }>(
    await ctx.tx.execute(sql`select app_create_alliance(${input.title}, ${ownOrganisationId}, ${input.ownRole}) as id`),
  );
  const id = created!.id;
  const { title, ...details } = input;
  await writeDetails(ctx, id, title, details);
  const after = await getAlliance(ctx, id);
  await recordChange(ctx, {
    allianceId: id,
    title,
    action: "alliance.create",
    after: snapshot(after),
    notify: null,
    event: { type: "alliance.created", data: { alliance: { id, title, version: after.version } } },
  });
  return { id };
}

/**
 * Saves an edited alliance. The edit names the version it started from: when someone saved
 * in between, nothing is written and CONFLICT comes back (the page then shows their values).
 * Permission: alliances.write. Audited with before and after.
 */
export async function updateAlliance(ctx: WorkspaceContext, input: UpdateAllianceInput) {
  const before = await getAlliance(ctx, input.id);
  const [claimed] = await ctx.tx
    .update(alliances)
    .set({ version: sql`${alliances.version} + 1` })
    .where(and(eq(alliances.id, input.id), eq(alliances.version, input.version)))
    .returning({ version: alliances.version });
  if (!claimed) throw new AppError("CONFLICT", "errors.alliance.stale");
  const { id, version: _version, title, ...details } = input;
  await writeDetails(ctx, id, title, details);
  let after = await getAlliance(ctx, id);
  const changed = changedFields(snapshot(before), snapshot(after));
  // Public fields changed in the details (partners, modes, SDGs, places): the trigger only sees
  // the core row, so the revision moves here; earlier public approvals no longer hold.
  if (changed.some((f) => PUBLIC_FIELDS.includes(f)) && after.publicRevision === before.publicRevision) {
    await movePublicRevision(ctx, [id]);
    after = await getAlliance(ctx, id);
  }
  await recordChange(ctx, {
    allianceId: id,
    title,
    action: "alliance.update",
    before: snapshot(before),
    after: snapshot(after),
    detail: { fields: changed },
    event: { type: "alliance.updated", data: { alliance: { id, title, version: claimed.version }, fields: changed } },
  });
  return { id, version: claimed.version };
}
