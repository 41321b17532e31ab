import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { pgArray, resultRows } from "../../../db/rows";
import { ALLIANCE_COLUMNS, type AllianceColumn } from "../../../domain/exchange";
import { translateKey } from "../../i18n/translate";
import { CreateAllianceInput } from "../alliances/schemas";
import type { WorkspaceContext } from "../context";
import { ensureWorkspaceOrganisation } from "../organisations/ensure-workspace-organisation";
import type { CellError, Decisions, ImportPlan, Mapping, PlannedRow } from "./import-types";
import { canonical, mergeState } from "../../../domain/import-merge";
import { UUID, parseRows } from "./import-parse";
import { currentStates } from "./import-current";
import { matchPartners } from "./import-partners";

/**
 * The dry run: reads every row with the given mapping, matches partners, places and
 * references, and says row by row what importing would do and what stops it. Writes nothing.
 * Tenant: references resolve only to the workspace's own alliances and references.
 */
export async function planImport(
  ctx: WorkspaceContext,
  file: { headers: string[]; rows: string[][] },
  mapping: Mapping,
  decisions: Decisions,
): Promise<ImportPlan> {
  const errors: CellError[] = [];
  const mappingErrors: string[] = [];
  const used = mapping.filter((f): f is AllianceColumn => Boolean(f));
  const known = new Set<string>(ALLIANCE_COLUMNS.map((c) => c.key));
  for (const f of used)
    if (!known.has(f)) mappingErrors.push(translateKey(ctx.locale, "import.errors.unknownField", { field: f }));
  const twice = used.filter((f, i) => used.indexOf(f) !== i);
  for (const f of new Set(twice))
    mappingErrors.push(
      translateKey(ctx.locale, "import.errors.fieldTwice", { field: translateKey(ctx.locale, `import.fields.${f}`) }),
    );
  if (!used.includes("title") && !used.includes("reference"))
    mappingErrors.push(translateKey(ctx.locale, "import.errors.noTitle"));

  const parsed = mappingErrors.length ? [] : parseRows(file.headers, file.rows, mapping, ctx.locale, errors);
  const header = (field: AllianceColumn) => file.headers[mapping.indexOf(field)] ?? null;
  const fail = (
    line: number,
    field: AllianceColumn | null,
    key: string,
    params: Record<string, string | number> = {},
  ) => {
    const column = field ? header(field) : null;
    // One message per cell: a value already refused is not reported again as missing.
    if (key.endsWith("Missing") && errors.some((e) => e.line === line && e.column === column)) return;
    errors.push({ line, column, message: translateKey(ctx.locale, `import.errors.${key}`, params) });
  };

  // References: an alliance id the workspace holds (as the export writes it), or a reference
  // recorded by an earlier import; a reference seen twice in one file is refused.
  const references = [...new Set(parsed.flatMap((r) => (r.reference ? [r.reference] : [])))];
  const ids = references.filter((r) => UUID.test(r));
  const [held, recorded] = await Promise.all([
    ids.length
      ? ctx.tx.execute(
          sql`select alliance_id as id from alliance_parties where workspace_id = ${ctx.workspaceId} and status = 'accepted' and alliance_id = any(${pgArray(ids)}::uuid[])`,
        )
      : Promise.resolve([]),
    references.length
      ? ctx.tx.execute(
          sql`select reference, alliance_id from alliance_external_refs where workspace_id = ${ctx.workspaceId} and reference = any(${pgArray(references)}::text[])`,
        )
      : Promise.resolve([]),
  ]);
  const heldIds = new Set(resultRows<{ id: string }>(held).map((r) => r.id));
  const refTargets = new Map(
    resultRows<{ reference: string; alliance_id: string }>(recorded).map((r) => [r.reference, r.alliance_id]),
  );
  const targetOf = (reference: string | null) =>
    !reference ? null : heldIds.has(reference) ? reference : (refTargets.get(reference) ?? null);
  const states = await currentStates(ctx, [
    ...new Set(parsed.map((r) => targetOf(r.reference)).filter((id): id is string => Boolean(id))),
  ]);

  const partners = await matchPartners(ctx, parsed, decisions);
  const partnerByKey = new Map(partners.map((p) => [p.key, p]));
  const ownOrganisationId = await ensureWorkspaceOrganisation(ctx);

  // Partners still to be created stand in for themselves with a provisional id while rows are checked.
  const placeholders = new Map<string, string>();
  const placeholder = (key: string) => placeholders.get(key) ?? placeholders.set(key, randomUUID()).get(key)!;
  const seen = new Map<string, number>();
  const planned: PlannedRow[] = [];
  const invalidLines = new Set(errors.map((e) => e.line));
  for (const row of parsed) {
    if (row.reference) {
      const first = seen.get(row.reference);
      if (first) fail(row.line, "reference", "referenceTwice", { line: first });
      else seen.set(row.reference, row.line);
    }
    const allianceId = targetOf(row.reference);
    const current = allianceId ? states.get(allianceId) : undefined;
    if (allianceId && !current) fail(row.line, "reference", "referenceGone");
    const partnerIds = row.values.partnerKeys?.map((key) => {
      const choice = partnerByKey.get(key)!;
      if (choice.status === "matched" && choice.matched!.id === ownOrganisationId)
        fail(row.line, "partners", "selfPartner", { name: choice.matched!.name });
      if (choice.status === "new" && !choice.name) fail(row.line, "partners", "partnerName", { value: choice.text });
      return choice.status === "matched" ? choice.matched!.id : placeholder(choice.key);
    });
    const state = mergeState(current?.state ?? null, row.values, partnerIds, current?.coOwners ?? []);
    if (!current) {
      if (!state.title) fail(row.line, "title", "titleMissing");
      if (!state.partnerIds.length) fail(row.line, "partners", "partnersMissing");
      if (!state.modes.length) fail(row.line, "mode", "modeMissing");
    }
    // The same rules as the alliance form: lengths, dates in order, one primary SDG target…
    const check = CreateAllianceInput.safeParse({
      title: state.title,
      summary: state.summary,
      keyResults: state.keyResults,
      stage: state.stage,
      startsOn: state.startsOn,
      endsOn: state.endsOn,
      ownRole: "porteur",
      partners: state.partnerIds.map((organisationId) => ({ organisationId, role: "partenaire" })),
      modes: state.modes,
      sdgTargets: state.sdgTargets,
      territory: state.territory,
      entryDoors: state.entryDoors,
      tags: state.tags,
    });
    if (
      !check.success &&
      !(current === undefined && (!state.title || !state.partnerIds.length || !state.modes.length))
    ) {
      for (const issue of check.error.issues.slice(0, 3)) {
        const field = String(issue.path[0] ?? "");
        const column = (
          field === "modes"
            ? mapping.includes("modes")
              ? "modes"
              : "mode"
            : field === "territory"
              ? "territory"
              : field
        ) as AllianceColumn;
        fail(row.line, known.has(column) ? column : null, "rule", { message: translateKey(ctx.locale, issue.message) });
      }
    }
    const action = !current ? "create" : canonical(state) === canonical(current.state) ? "unchanged" : "update";
    planned.push({
      line: row.line,
      action,
      reference: row.reference,
      allianceId,
      recordReference: Boolean(row.reference && !heldIds.has(row.reference) && !refTargets.has(row.reference)),
      values: row.values,
      current: current ?? null,
    });
  }
  for (const e of errors) invalidLines.add(e.line);
  const toConfirm = partners.filter((p) => p.status === "confirm").length;
  const valid = planned.filter((r) => !invalidLines.has(r.line));
  return {
    rows: planned,
    errors: errors.sort((a, b) => a.line - b.line),
    mappingErrors,
    partners,
    counts: {
      rows: file.rows.length,
      create: valid.filter((r) => r.action === "create").length,
      update: valid.filter((r) => r.action === "update").length,
      unchanged: valid.filter((r) => r.action === "unchanged").length,
      invalid: invalidLines.size,
      organisationsNew: partners.filter((p) => p.status === "new").length,
      organisationsExisting: partners.filter((p) => p.status === "matched").length,
      toConfirm,
    },
    ready: mappingErrors.length === 0 && errors.length === 0 && toConfirm === 0 && planned.length > 0,
  };
}
