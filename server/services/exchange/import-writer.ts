import { randomUUID } from "node:crypto";
import { eq, or, sql } from "drizzle-orm";
import {
  allianceChanges,
  allianceExternalRefs,
  allianceModePeriods,
  allianceParties,
  allianceSdgTargets,
  allianceTerritories,
  auditEvents,
  organisations,
} from "../../../db/schema";
import { resultRows } from "../../../db/rows";
import { goalOfTarget } from "../../../domain/sdg";
import { normalizeForSearch, territoryParents } from "../../../domain/territory";
import { territory } from "../../../domain/territory-data";
import { AppError } from "../../errors";
import { getAlliance } from "../alliances/get-alliance";
import { UpdateAllianceInput } from "../alliances/schemas";
import { updateAlliance } from "../alliances/write-alliance";
import type { WorkspaceContext } from "../context";
import { actingNames } from "../notifications/notifications";
import { ensureWorkspaceOrganisation } from "../organisations/find-or-create-organisation";
import { type AllianceState, type ImportPlan, mergeState, pgArray } from "./import-plan";

/** Rows written per statement: well under the protocol's 65,535 parameters. */
const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  organisationsCreated: number;
}

/**
 * Creates the partners still unknown to the directory, once each, and returns the id of every
 * partner of the file by its key. An identifier registered meanwhile by someone else is reused.
 */
async function partnerIds(ctx: WorkspaceContext, plan: ImportPlan): Promise<{ ids: Map<string, { id: string; name: string }>; created: number }> {
  const ids = new Map<string, { id: string; name: string }>();
  const fresh: Array<typeof organisations.$inferInsert & { key: string }> = [];
  for (const p of plan.partners) {
    if (p.status === "matched") ids.set(p.key, { id: p.matched!.id, name: p.matched!.name });
    else if (p.status === "new") {
      const id = p.identifier;
      fresh.push({
        key: p.key,
        id: randomUUID(),
        name: p.name,
        searchName: normalizeForSearch(p.name),
        kind: p.kind,
        siren: id && id.kind !== "rna" ? id.value.slice(0, 9) : null,
        siret: id?.kind === "siret" ? id.value : null,
        rna: id?.kind === "rna" ? id.value : null,
      });
    } else throw new AppError("BAD_REQUEST", "errors.import.notReady");
  }
  let created = 0;
  for (const part of chunks(fresh)) {
    const inserted = await ctx.tx
      .insert(organisations)
      .values(part.map(({ key: _key, ...row }) => row))
      .onConflictDoNothing()
      .returning({ id: organisations.id });
    const done = new Set(inserted.map((r) => r.id));
    created += done.size;
    for (const row of part) {
      if (done.has(row.id!)) {
        ids.set(row.key, { id: row.id!, name: row.name });
        continue;
      }
      const [existing] = await ctx.tx
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(or(row.siren ? eq(organisations.siren, row.siren) : undefined, row.rna ? eq(organisations.rna, row.rna) : undefined));
      if (!existing) throw new AppError("INTERNAL", "errors.internal");
      ids.set(row.key, existing);
    }
  }
  return { ids, created };
}

/** A short trace of a created alliance for the audit log. */
function createdSnapshot(state: AllianceState, partnerNames: string[], importId: string) {
  return {
    title: state.title,
    stage: state.stage,
    partners: partnerNames.join(", "),
    modes: state.modes.map((m) => `${m.mode} ${m.startsOn}`).join(" → "),
    sdgTargets: state.sdgTargets.map((s) => (s.isPrimary ? `${s.target}*` : s.target)).join(" "),
    territory: `${state.territory.scope} ${state.territory.codes.join(" ")}`.trim(),
    importId,
  };
}

/**
 * Writes a ready plan in the caller's transaction: partners first, then new alliances in bulk
 * (each through app_create_alliance, then its details in a few multi-row statements), then the
 * changed ones one by one through the alliance service (version bump, audit, shared history and
 * notifications as for an edit in the form). Unchanged rows are left alone. Every created
 * alliance gets its audit row and history line. Permission: alliances.write.
 */
export async function applyImport(
  ctx: WorkspaceContext,
  plan: ImportPlan,
  importId: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ImportResult> {
  if (!plan.ready) throw new AppError("BAD_REQUEST", "errors.import.notReady");
  const total = plan.rows.length;
  let done = 0;
  const { ids, created: organisationsCreated } = await partnerIds(ctx, plan);
  const ownOrganisationId = await ensureWorkspaceOrganisation(ctx);
  const [own] = await ctx.tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, ownOrganisationId));
  const names = await actingNames(ctx);
  const index = territory();

  const creates = plan.rows.filter((r) => r.action === "create");
  const references: Array<typeof allianceExternalRefs.$inferInsert> = [];
  for (const part of chunks(creates)) {
    const states = part.map((row) => {
      const partners = (row.values.partnerKeys ?? []).map((key) => ids.get(key)!);
      return { row, partners, state: mergeState(null, row.values, partners.map((p) => p.id)) };
    });
    const titles = states.map((s) => s.state.title);
    const createdIds = resultRows<{ id: string }>(
      await ctx.tx.execute(sql`
        select app_create_alliance(u.title, ${ownOrganisationId}::uuid, 'porteur') as id
        from unnest(${pgArray(titles)}::text[]) with ordinality as u(title, n) order by u.n`),
    ).map((r) => r.id);
    if (createdIds.length !== states.length) throw new AppError("INTERNAL", "errors.internal");

    const details = states.map(({ state, partners }, i) => ({
      id: createdIds[i]!,
      summary: state.summary,
      key_results: state.keyResults,
      stage: state.stage,
      starts_on: state.startsOn,
      ends_on: state.endsOn,
      territory_scope: state.territory.scope,
      entry_doors: state.entryDoors,
      tags: state.tags,
      search_text: normalizeForSearch([state.title, state.summary ?? "", own?.name ?? "", ...partners.map((p) => p.name)].join(" ")),
    }));
    await ctx.tx.execute(sql`
      update alliances a set summary = v.summary, key_results = v.key_results, stage = v.stage, starts_on = v.starts_on, ends_on = v.ends_on,
        territory_scope = v.territory_scope, entry_doors = v.entry_doors, tags = v.tags, search_text = v.search_text, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(details)}::jsonb) as v(id uuid, summary text, key_results text, stage lifecycle_stage, starts_on date,
        ends_on date, territory_scope territory_level, entry_doors text[], tags text[], search_text text)
      where a.id = v.id`);

    const parties = states.flatMap(({ partners }, i) => partners.map((p) => ({ allianceId: createdIds[i]!, organisationId: p.id, role: "partenaire", status: "accepted" as const })));
    const modes = states.flatMap(({ state }, i) => state.modes.map((m) => ({ allianceId: createdIds[i]!, ...m })));
    const targets = states.flatMap(({ state }, i) => state.sdgTargets.map((s) => ({ allianceId: createdIds[i]!, target: s.target, goal: goalOfTarget(s.target)!, isPrimary: s.isPrimary })));
    const places = states.flatMap(({ state }, i) =>
      state.territory.codes.map((code) => ({ allianceId: createdIds[i]!, level: state.territory.scope, code, ...territoryParents(index, state.territory.scope, code)! })),
    );
    if (parties.length) await ctx.tx.insert(allianceParties).values(parties);
    if (modes.length) await ctx.tx.insert(allianceModePeriods).values(modes);
    if (targets.length) await ctx.tx.insert(allianceSdgTargets).values(targets);
    if (places.length) await ctx.tx.insert(allianceTerritories).values(places);
    await ctx.tx.insert(auditEvents).values(
      states.map(({ state, partners }, i) => ({
        workspaceId: ctx.workspaceId,
        actorUserId: ctx.actor.userId,
        action: "alliance.create",
        entityType: "alliance",
        entityId: createdIds[i]!,
        after: createdSnapshot(state, partners.map((p) => p.name), importId),
        requestId: ctx.requestId,
      })),
    );
    await ctx.tx.insert(allianceChanges).values(
      states.map((_, i) => ({ allianceId: createdIds[i]!, workspaceId: ctx.workspaceId, organisationName: names.organisation, actorName: names.actor, action: "alliance.create", detail: { importId } })),
    );
    states.forEach(({ row }, i) => {
      if (row.reference) references.push({ workspaceId: ctx.workspaceId, reference: row.reference, allianceId: createdIds[i]!, importId });
    });
    done += part.length;
    onProgress(done, total);
  }

  let updated = 0;
  for (const row of plan.rows.filter((r) => r.action === "update")) {
    const detail = await getAlliance(ctx, row.allianceId!);
    const partners = row.values.partnerKeys?.map((key) => ids.get(key)!.id);
    const others = detail.parties.filter((p) => !p.isMine);
    const current: AllianceState = {
      title: detail.title,
      summary: detail.summary,
      keyResults: detail.keyResults,
      stage: detail.stage,
      startsOn: detail.startsOn,
      endsOn: detail.endsOn,
      modes: detail.modes,
      partnerIds: others.map((p) => p.organisationId),
      sdgTargets: detail.sdgTargets.map((s) => ({ target: s.target, isPrimary: s.isPrimary })),
      territory: { scope: detail.territoryScope, codes: detail.territories.map((t) => t.code) },
      entryDoors: detail.entryDoors as AllianceState["entryDoors"],
      tags: detail.tags,
    };
    const next = mergeState(current, row.values, partners, others.filter((p) => p.hasWorkspace).map((p) => p.organisationId));
    const input = UpdateAllianceInput.parse({
      id: detail.id,
      version: detail.version,
      title: next.title,
      summary: next.summary,
      keyResults: next.keyResults,
      stage: next.stage,
      startsOn: next.startsOn,
      endsOn: next.endsOn,
      ownRole: detail.parties.find((p) => p.isMine)?.role ?? "porteur",
      // Partners already on the alliance keep their role; new ones are "partenaire".
      partners: next.partnerIds.map((organisationId) => ({ organisationId, role: others.find((p) => p.organisationId === organisationId)?.role ?? "partenaire" })),
      modes: next.modes,
      sdgTargets: next.sdgTargets,
      territory: next.territory,
      entryDoors: next.entryDoors,
      engagements: detail.engagements,
      tags: next.tags,
    });
    await updateAlliance(ctx, input);
    if (row.recordReference) references.push({ workspaceId: ctx.workspaceId, reference: row.reference!, allianceId: row.allianceId!, importId });
    updated += 1;
    done += 1;
    if (updated % 50 === 0) onProgress(done, total);
  }
  for (const part of chunks(references)) await ctx.tx.insert(allianceExternalRefs).values(part).onConflictDoNothing();
  const unchanged = plan.rows.filter((r) => r.action === "unchanged").length;
  onProgress(total, total);
  return { created: creates.length, updated, unchanged, organisationsCreated };
}
