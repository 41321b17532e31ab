import { and, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import {
  allianceEngagements,
  allianceModePeriods,
  allianceParties,
  alliances,
  allianceSdgTargets,
  allianceTerritories,
  organisations,
} from "../../../db/schema";
import { resultRows } from "../../../db/rows";
import { goalOfTarget } from "../../../domain/sdg";
import { normalizeForSearch, territoryParents } from "../../../domain/territory";
import { territory } from "../../../domain/territory-data";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceContext } from "../context";
import { ensureWorkspaceOrganisation, findOrCreateOrganisation } from "../organisations/find-or-create-organisation";
import { getAlliance } from "./get-alliance";
import { workspaceLists } from "../workspaces/workspace-lists";
import type { CreateAllianceInput, UpdateAllianceInput } from "./schemas";
import { recordSharedChange } from "./shared-history";
import { enqueueAllianceEvent } from "../webhooks/webhooks";

type Details = Omit<CreateAllianceInput, "title">;

/** Partner organisations resolved to directory ids (created or reused), never the workspace's own. */
async function resolvePartners(ctx: WorkspaceContext, ownOrganisationId: string, partners: Details["partners"]) {
  const resolved: Array<{ organisationId: string; role: string }> = [];
  for (const [i, p] of partners.entries()) {
    let organisationId = p.organisationId ?? null;
    if (organisationId) {
      const [known] = await ctx.tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.id, organisationId));
      if (!known) throw new AppError("BAD_REQUEST", "errors.alliance.unknownPartner", { field: `partners.${i}` });
    } else {
      organisationId = (await findOrCreateOrganisation(ctx, p.organisation!)).organisation.id;
    }
    if (organisationId === ownOrganisationId)
      throw new AppError("BAD_REQUEST", "errors.alliance.selfPartner", { field: `partners.${i}` });
    if (resolved.some((r) => r.organisationId === organisationId))
      throw new AppError("BAD_REQUEST", "errors.alliance.partnerTwice", { field: `partners.${i}` });
    resolved.push({ organisationId, role: p.role });
  }
  return resolved;
}

/** Replaces every detail of an alliance (the caller has checked access and the version). */
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
  const partners = await resolvePartners(ctx, ownOrganisationId, input.partners);
  const index = territory();
  const places = input.territory.codes.map((code) => {
    const parents = territoryParents(index, input.territory.scope, code);
    if (!parents) throw new AppError("BAD_REQUEST", "errors.territory.unknown", { field: "territory", code });
    return { code, ...parents };
  });

  // Partners without a workspace of their own are replaced; the workspace's own row stays.
  await ctx.tx
    .update(allianceParties)
    .set({ role: input.ownRole })
    .where(and(eq(allianceParties.allianceId, allianceId), eq(allianceParties.workspaceId, ctx.workspaceId)));
  const keep = partners.map((p) => p.organisationId);
  await ctx.tx
    .delete(allianceParties)
    .where(
      and(
        eq(allianceParties.allianceId, allianceId),
        isNull(allianceParties.workspaceId),
        keep.length ? notInArray(allianceParties.organisationId, keep) : undefined,
      ),
    );
  for (const p of partners) {
    await ctx.tx
      .insert(allianceParties)
      .values({ allianceId, organisationId: p.organisationId, role: p.role, status: "accepted" })
      .onConflictDoUpdate({
        target: [allianceParties.allianceId, allianceParties.organisationId],
        set: { role: p.role },
      });
  }
  const names = await ctx.tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, [ownOrganisationId, ...keep]));

  await ctx.tx
    .update(alliances)
    .set({
      title,
      summary: input.summary ?? null,
      keyResults: input.keyResults ?? null,
      stage: input.stage,
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
      territoryScope: input.territory.scope,
      entryDoors: input.entryDoors,
      tags: [...new Set(input.tags)],
      searchText: normalizeForSearch([title, input.summary ?? "", ...names.map((n) => n.name)].join(" ")),
      updatedAt: new Date(),
    })
    .where(eq(alliances.id, allianceId));

  await ctx.tx.delete(allianceModePeriods).where(eq(allianceModePeriods.allianceId, allianceId));
  await ctx.tx.insert(allianceModePeriods).values(
    input.modes.map((m) => ({
      allianceId,
      mode: m.mode,
      mecenatForms: m.mecenatForms,
      startsOn: m.startsOn,
      endsOn: m.endsOn ?? null,
    })),
  );

  await ctx.tx.delete(allianceSdgTargets).where(eq(allianceSdgTargets.allianceId, allianceId));
  if (input.sdgTargets.length) {
    await ctx.tx.insert(allianceSdgTargets).values(
      input.sdgTargets.map((s) => ({
        allianceId,
        target: s.target,
        goal: goalOfTarget(s.target)!,
        isPrimary: s.isPrimary,
      })),
    );
  }

  await ctx.tx.delete(allianceTerritories).where(eq(allianceTerritories.allianceId, allianceId));
  if (places.length) {
    await ctx.tx
      .insert(allianceTerritories)
      .values(places.map((p) => ({ allianceId, level: input.territory.scope, ...p })));
  }

  await ctx.tx.delete(allianceEngagements).where(eq(allianceEngagements.allianceId, allianceId));
  if (input.engagements.length) {
    await ctx.tx.insert(allianceEngagements).values(
      input.engagements.map((e) => ({
        allianceId,
        scheme: e.scheme,
        employees: e.employees ?? null,
        hours: e.hours ?? null,
      })),
    );
  }
}

/** A compact copy of an alliance for the audit log's before/after. */
function snapshot(detail: Awaited<ReturnType<typeof getAlliance>>) {
  return {
    title: detail.title,
    summary: detail.summary,
    keyResults: detail.keyResults,
    stage: detail.stage,
    startsOn: detail.startsOn,
    endsOn: detail.endsOn,
    partners: detail.parties.map((p) => `${p.name} (${p.role})`).join(", "),
    modes: detail.modes
      .map((m) => `${m.mode}${m.mecenatForms.length ? `[${m.mecenatForms.join("+")}]` : ""} ${m.startsOn}`)
      .join(" → "),
    sdgTargets: detail.sdgTargets.map((s) => (s.isPrimary ? `${s.target}*` : s.target)).join(" "),
    territory: `${detail.territoryScope} ${detail.territories.map((t) => t.code).join(" ")}`.trim(),
    tags: detail.tags.join(", "),
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
  await recordAudit(ctx, { action: "alliance.create", entityType: "alliance", entityId: id, after: snapshot(after) });
  await recordSharedChange(ctx, { allianceId: id, title, action: "alliance.create", notify: null });
  await enqueueAllianceEvent(ctx, id, "alliance.created", { alliance: { id, title, version: after.version } });
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
    await ctx.tx
      .update(alliances)
      .set({ publicRevision: sql`${alliances.publicRevision} + 1` })
      .where(eq(alliances.id, id));
    after = await getAlliance(ctx, id);
  }
  await recordAudit(ctx, {
    action: "alliance.update",
    entityType: "alliance",
    entityId: id,
    before: snapshot(before),
    after: snapshot(after),
  });
  await recordSharedChange(ctx, { allianceId: id, title, action: "alliance.update", detail: { fields: changed } });
  await enqueueAllianceEvent(ctx, id, "alliance.updated", {
    alliance: { id, title, version: claimed.version },
    fields: changed,
  });
  return { id, version: claimed.version };
}
