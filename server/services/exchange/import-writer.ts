import { randomUUID } from "node:crypto";
import { eq, inArray, or, sql } from "drizzle-orm";
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
import type { WorkspaceContext } from "../context";
import { actingNames, notifyParties } from "../notifications/notifications";
import { ensureWorkspaceOrganisation } from "../organisations/find-or-create-organisation";
import type { WebhookEvent } from "../webhooks/webhooks";
import { type AllianceState, canonical, mergeState } from "../../../domain/import-merge";
import { pgArray } from "./import-parse";
import type { ImportPlan } from "./import-types";

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
async function partnerIds(
  ctx: WorkspaceContext,
  plan: ImportPlan,
): Promise<{ ids: Map<string, { id: string; name: string }>; created: number }> {
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
        .where(
          or(
            row.siren ? eq(organisations.siren, row.siren) : undefined,
            row.rna ? eq(organisations.rna, row.rna) : undefined,
          ),
        );
      if (!existing) throw new AppError("INTERNAL", "errors.internal");
      ids.set(row.key, existing);
    }
  }
  return { ids, created };
}

/** A short trace of an alliance for the audit log (the same fields as the form's). */
function trace(state: AllianceState, partnerNames: string[], importId: string) {
  return {
    title: state.title,
    summary: state.summary,
    keyResults: state.keyResults,
    stage: state.stage,
    startsOn: state.startsOn,
    endsOn: state.endsOn,
    partners: partnerNames.join(", "),
    modes: state.modes
      .map((m) => `${m.mode}${m.mecenatForms.length ? `[${m.mecenatForms.join("+")}]` : ""} ${m.startsOn}`)
      .join(" → "),
    sdgTargets: [...state.sdgTargets]
      .sort((a, b) => a.target.localeCompare(b.target, "en", { numeric: true }))
      .map((s) => (s.isPrimary ? `${s.target}*` : s.target))
      .join(" "),
    territory: `${state.territory.scope} ${state.territory.codes.join(" ")}`.trim(),
    tags: state.tags.join(", "),
    importId,
  };
}

/** The fields that differ between two states (what the history line and notifications name). */
function changedFields(before: AllianceState, after: AllianceState): string[] {
  return (Object.keys(after) as Array<keyof AllianceState>).filter(
    (k) => canonical({ ...before, [k]: after[k] }) !== canonical(before),
  );
}

interface Item {
  id: string;
  state: AllianceState;
  partners: Array<{ id: string; name: string }>;
}

/**
 * Writes the core fields and details of many alliances in a few statements: one UPDATE from a
 * JSON record set, then the detail rows. With `replace`, the alliances' mode periods, SDG targets
 * and places are replaced and partners without a workspace of their own that the file no longer
 * names are removed (as the form does); partners already there keep their role.
 */
async function writeBulk(ctx: WorkspaceContext, items: Item[], ownName: string, replace: boolean) {
  const index = territory();
  const ids = items.map((i) => i.id);
  const details = items.map(({ id, state, partners }) => ({
    id,
    title: state.title,
    summary: state.summary,
    key_results: state.keyResults,
    stage: state.stage,
    starts_on: state.startsOn,
    ends_on: state.endsOn,
    territory_scope: state.territory.scope,
    entry_doors: state.entryDoors,
    tags: state.tags,
    search_text: normalizeForSearch(
      [state.title, state.summary ?? "", ownName, ...partners.map((p) => p.name)].join(" "),
    ),
  }));
  await ctx.tx.execute(sql`
    update alliances a set title = v.title, summary = v.summary, key_results = v.key_results, stage = v.stage, starts_on = v.starts_on, ends_on = v.ends_on,
      territory_scope = v.territory_scope, entry_doors = v.entry_doors, tags = v.tags, search_text = v.search_text, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(details)}::jsonb) as v(id uuid, title text, summary text, key_results text, stage lifecycle_stage, starts_on date,
      ends_on date, territory_scope territory_level, entry_doors text[], tags text[], search_text text)
    where a.id = v.id`);
  if (replace) {
    const list = sql`${pgArray(ids)}::uuid[]`;
    const keep = items.flatMap(({ id, partners }) => partners.map((p) => ({ a: id, o: p.id })));
    await ctx.tx.execute(sql`
      delete from alliance_parties p where p.alliance_id = any(${list}) and p.workspace_id is null
        and not exists (select 1 from jsonb_to_recordset(${JSON.stringify(keep)}::jsonb) as k(a uuid, o uuid) where k.a = p.alliance_id and k.o = p.organisation_id)`);
    await ctx.tx.execute(sql`delete from alliance_mode_periods where alliance_id = any(${list})`);
    await ctx.tx.execute(sql`delete from alliance_sdg_targets where alliance_id = any(${list})`);
    await ctx.tx.execute(sql`delete from alliance_territories where alliance_id = any(${list})`);
  }
  const parties = items.flatMap(({ id, partners }) =>
    partners.map((p) => ({ allianceId: id, organisationId: p.id, role: "partenaire", status: "accepted" as const })),
  );
  const modes = items.flatMap(({ id, state }) => state.modes.map((m) => ({ allianceId: id, ...m })));
  const targets = items.flatMap(({ id, state }) =>
    state.sdgTargets.map((t) => ({
      allianceId: id,
      target: t.target,
      goal: goalOfTarget(t.target)!,
      isPrimary: t.isPrimary,
    })),
  );
  const places = items.flatMap(({ id, state }) =>
    state.territory.codes.map((code) => ({
      allianceId: id,
      level: state.territory.scope,
      code,
      ...territoryParents(index, state.territory.scope, code)!,
    })),
  );
  if (parties.length) await ctx.tx.insert(allianceParties).values(parties).onConflictDoNothing();
  if (modes.length) await ctx.tx.insert(allianceModePeriods).values(modes);
  if (targets.length) await ctx.tx.insert(allianceSdgTargets).values(targets);
  if (places.length) await ctx.tx.insert(allianceTerritories).values(places);
}

/** Whether this workspace has a webhook listening for the event (new alliances concern it alone). */
async function hasWebhook(ctx: WorkspaceContext, event: WebhookEvent): Promise<boolean> {
  const rows = resultRows(
    await ctx.tx.execute(
      sql`select 1 from webhooks where workspace_id = ${ctx.workspaceId} and disabled_at is null and ${event} = any(events) limit 1`,
    ),
  );
  return rows.length > 0;
}

/** Queues one event per alliance for the webhooks of its parties, in one statement. */
async function enqueueMany(
  ctx: WorkspaceContext,
  event: WebhookEvent,
  items: Array<{ id: string; data: Record<string, unknown> }>,
) {
  const occurredAt = new Date().toISOString();
  const rows = items.map((i) => ({ id: i.id, payload: { event, occurredAt, data: i.data } }));
  await ctx.tx.execute(sql`
    select app_enqueue_alliance_webhooks(v.id, ${event}, v.payload)
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, payload jsonb)`);
}

/**
 * Whether the public revision must be moved by hand: a public field kept in detail rows changed
 * (partners, modes, SDG targets, places) and none of the core columns whose change the trigger
 * on alliances already counts did. Either way, earlier public approvals no longer hold.
 */
function detailOnlyPublicChange(before: AllianceState, after: AllianceState, fields: string[]): boolean {
  const core =
    ["title", "summary", "keyResults", "startsOn", "endsOn"].some((f) => fields.includes(f)) ||
    before.territory.scope !== after.territory.scope;
  const detail = ["partnerIds", "modes", "sdgTargets", "territory"].some((f) => fields.includes(f));
  return detail && !core;
}

/**
 * Writes a ready plan in the caller's transaction: partners first, then new alliances (each
 * through app_create_alliance, then their details in a few multi-row statements), then the
 * changed ones likewise, each checked against the version the plan read (CONFLICT if someone
 * saved meanwhile), its version bumped, and its public revision moved when a public field
 * changed. Every created or updated alliance gets its audit row (before and after) and its
 * shared-history line; co-owners of an updated alliance are notified. Unchanged rows are left
 * alone. Permission: alliances.write.
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
  const [own] = await ctx.tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, ownOrganisationId));
  const ownName = own?.name ?? "";
  const names = await actingNames(ctx);
  const references: Array<typeof allianceExternalRefs.$inferInsert> = [];
  const partnersOf = (row: ImportPlan["rows"][number]) => (row.values.partnerKeys ?? []).map((key) => ids.get(key)!);

  const creates = plan.rows.filter((r) => r.action === "create");
  for (const part of chunks(creates)) {
    const prepared = part.map((row) => {
      const partners = partnersOf(row);
      return {
        row,
        partners,
        state: mergeState(
          null,
          row.values,
          partners.map((p) => p.id),
        ),
      };
    });
    const createdIds = resultRows<{ id: string }>(
      await ctx.tx.execute(sql`
        select app_create_alliance(u.title, ${ownOrganisationId}::uuid, 'porteur') as id
        from unnest(${pgArray(prepared.map((p) => p.state.title))}::text[]) with ordinality as u(title, n) order by u.n`),
    ).map((r) => r.id);
    if (createdIds.length !== prepared.length) throw new AppError("INTERNAL", "errors.internal");
    await writeBulk(
      ctx,
      prepared.map((p, i) => ({ id: createdIds[i]!, state: p.state, partners: p.partners })),
      ownName,
      false,
    );
    await ctx.tx.insert(auditEvents).values(
      prepared.map(({ state, partners }, i) => ({
        workspaceId: ctx.workspaceId,
        actorUserId: ctx.actor.userId,
        action: "alliance.create",
        entityType: "alliance",
        entityId: createdIds[i]!,
        after: trace(
          state,
          partners.map((p) => p.name),
          importId,
        ),
        requestId: ctx.requestId,
      })),
    );
    await ctx.tx.insert(allianceChanges).values(
      prepared.map((_, i) => ({
        allianceId: createdIds[i]!,
        workspaceId: ctx.workspaceId,
        organisationName: names.organisation,
        actorName: names.actor,
        action: "alliance.create",
        detail: { importId },
      })),
    );
    if (await hasWebhook(ctx, "alliance.created")) {
      await enqueueMany(
        ctx,
        "alliance.created",
        prepared.map((p, i) => ({
          id: createdIds[i]!,
          data: { alliance: { id: createdIds[i]!, title: p.state.title, version: 1 }, importId },
        })),
      );
    }
    prepared.forEach(({ row }, i) => {
      if (row.reference)
        references.push({
          workspaceId: ctx.workspaceId,
          reference: row.reference,
          allianceId: createdIds[i]!,
          importId,
        });
    });
    done += part.length;
    onProgress(done, total);
  }

  const updates = plan.rows.filter((r) => r.action === "update");
  for (const part of chunks(updates)) {
    const prepared = part.map((row) => {
      const current = row.current!;
      const partners = row.values.partnerKeys ? partnersOf(row) : null;
      const state = mergeState(
        current.state,
        row.values,
        partners?.map((p) => p.id),
        current.coOwners,
      );
      return { row, current, state, fields: changedFields(current.state, state) };
    });
    // Someone may have saved one of these alliances since the plan read it: then nothing is written.
    const claimed = resultRows<{ id: string }>(
      await ctx.tx.execute(sql`
        update alliances a set version = a.version + 1
        from jsonb_to_recordset(${JSON.stringify(prepared.map((p) => ({ id: p.row.allianceId, version: p.current.version })))}::jsonb) as v(id uuid, version int)
        where a.id = v.id and a.version = v.version
        returning a.id`),
    );
    if (claimed.length !== prepared.length) throw new AppError("CONFLICT", "errors.import.changedMeanwhile");
    // Partner names for the search text: the organisations the alliance now names.
    const organisationIds = [...new Set(prepared.flatMap((p) => p.state.partnerIds))];
    const known = organisationIds.length
      ? await ctx.tx
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(inArray(organisations.id, organisationIds))
      : [];
    const nameOf = new Map(known.map((o) => [o.id, o.name]));
    const items = prepared.map((p) => ({
      id: p.row.allianceId!,
      state: p.state,
      partners: p.state.partnerIds.map((id) => ({ id, name: nameOf.get(id) ?? "" })),
    }));
    await writeBulk(ctx, items, ownName, true);
    const detailOnly = prepared.filter((p) => detailOnlyPublicChange(p.current.state, p.state, p.fields));
    if (detailOnly.length) {
      await ctx.tx.execute(
        sql`update alliances set public_revision = public_revision + 1 where id = any(${pgArray(detailOnly.map((p) => p.row.allianceId!))}::uuid[])`,
      );
    }
    const partnerNames = (state: AllianceState) => state.partnerIds.map((id) => nameOf.get(id) ?? id);
    await ctx.tx.insert(auditEvents).values(
      prepared.map((p) => ({
        workspaceId: ctx.workspaceId,
        actorUserId: ctx.actor.userId,
        action: "alliance.update",
        entityType: "alliance",
        entityId: p.row.allianceId!,
        before: { ...trace(p.current.state, partnerNames(p.current.state), importId), version: p.current.version },
        after: { ...trace(p.state, partnerNames(p.state), importId), version: p.current.version + 1 },
        requestId: ctx.requestId,
      })),
    );
    await ctx.tx.insert(allianceChanges).values(
      prepared.map((p) => ({
        allianceId: p.row.allianceId!,
        workspaceId: ctx.workspaceId,
        organisationName: names.organisation,
        actorName: names.actor,
        action: "alliance.update",
        detail: { fields: p.fields, importId },
      })),
    );
    await enqueueMany(
      ctx,
      "alliance.updated",
      prepared.map((p) => ({
        id: p.row.allianceId!,
        data: {
          alliance: { id: p.row.allianceId!, title: p.state.title, version: p.current.version + 1 },
          fields: p.fields,
          importId,
        },
      })),
    );
    // Co-owning workspaces hear about the change, as after an edit in the form.
    for (const p of prepared.filter((x) => x.current.coOwners.length)) {
      await notifyParties(ctx, p.row.allianceId!, "alliance.changed", {
        title: p.state.title,
        detail: "alliance.update",
      });
    }
    for (const p of prepared) {
      if (p.row.recordReference)
        references.push({
          workspaceId: ctx.workspaceId,
          reference: p.row.reference!,
          allianceId: p.row.allianceId!,
          importId,
        });
    }
    done += part.length;
    onProgress(done, total);
  }
  for (const part of chunks(references)) await ctx.tx.insert(allianceExternalRefs).values(part).onConflictDoNothing();
  onProgress(total, total);
  return {
    created: creates.length,
    updated: updates.length,
    unchanged: plan.rows.filter((r) => r.action === "unchanged").length,
    organisationsCreated,
  };
}
