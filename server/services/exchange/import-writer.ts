import { randomUUID } from "node:crypto";
import { eq, inArray, or, sql } from "drizzle-orm";
import { allianceExternalRefs, organisations } from "../../../db/schema";
import { pgArray, resultRows } from "../../../db/rows";
import { allianceTrace } from "../../../domain/alliance-trace";
import { type AllianceState, canonical, mergeState } from "../../../domain/import-merge";
import { normalizeForSearch } from "../../../domain/territory";
import { AppError } from "../../errors";
import { type AllianceChange, recordChanges } from "../alliances/record-change";
import {
  type AllianceDetails,
  movePublicRevision,
  stampGuideWording,
  writeAllianceDetails,
} from "../alliances/write-details";
import type { WorkspaceContext } from "../context";
import { ensureWorkspaceOrganisation } from "../organisations/ensure-workspace-organisation";
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

/** The audit log's copy of an alliance the import wrote, as the form writes it, with the import's id. */
function trace(state: AllianceState, partnerNames: string[], importId: string) {
  return { ...allianceTrace({ ...state, partners: partnerNames }), importId };
}

/** The fields that differ between two states (what the history line and notifications name). */
function changedFields(before: AllianceState, after: AllianceState): string[] {
  return (Object.keys(after) as Array<keyof AllianceState>).filter(
    (k) => canonical({ ...before, [k]: after[k] }) !== canonical(before),
  );
}

/** An alliance of the file as the shared writer takes it. */
function details(id: string, state: AllianceState, partners: Array<{ id: string; name: string }>): AllianceDetails {
  return { id, ...state, partners: partners.map((p) => ({ organisationId: p.id, name: p.name })) };
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
    await writeAllianceDetails(
      ctx,
      prepared.map((p, i) => details(createdIds[i]!, p.state, p.partners)),
      ownName,
    );
    await stampGuideWording(ctx, createdIds);
    await recordChanges(
      ctx,
      prepared.map(({ state, partners }, i): AllianceChange => {
        const id = createdIds[i]!;
        return {
          allianceId: id,
          title: state.title,
          action: "alliance.create",
          after: trace(
            state,
            partners.map((p) => p.name),
            importId,
          ),
          detail: { importId },
          notify: null,
          event: { type: "alliance.created", data: { alliance: { id, title: state.title, version: 1 }, importId } },
        };
      }),
    );
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
    const partnersNow = (state: AllianceState) => state.partnerIds.map((id) => ({ id, name: nameOf.get(id) ?? "" }));
    await writeAllianceDetails(
      ctx,
      prepared.map((p) => details(p.row.allianceId!, p.state, partnersNow(p.state))),
      ownName,
    );
    await movePublicRevision(
      ctx,
      prepared.filter((p) => detailOnlyPublicChange(p.current.state, p.state, p.fields)).map((p) => p.row.allianceId!),
    );
    const partnerNames = (state: AllianceState) => state.partnerIds.map((id) => nameOf.get(id) ?? id);
    await recordChanges(
      ctx,
      prepared.map((p): AllianceChange => {
        const id = p.row.allianceId!;
        const version = p.current.version + 1;
        return {
          allianceId: id,
          title: p.state.title,
          action: "alliance.update",
          before: { ...trace(p.current.state, partnerNames(p.current.state), importId), version: p.current.version },
          after: { ...trace(p.state, partnerNames(p.state), importId), version },
          detail: { fields: p.fields, importId },
          // Co-owning workspaces hear about the change, as after an edit in the form.
          notify: p.current.coOwners.length ? "alliance.changed" : null,
          event: {
            type: "alliance.updated",
            data: { alliance: { id, title: p.state.title, version }, fields: p.fields, importId },
          },
        };
      }),
    );
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
