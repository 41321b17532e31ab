import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { ENTRY_DOORS, LIFECYCLE_STAGES, MODES } from "../../../domain/alliances";
import { ALLIANCE_COLUMNS, type AllianceColumn } from "../../../domain/exchange";
import { ORGANISATION_KINDS, type OrganisationKind } from "../../../domain/identifiers";
import {
  guessKind,
  matchOption,
  NAME_NOISE,
  nameCore,
  nameSimilarity,
  NEAR_MATCH,
  parseFrenchDate,
  parsePartner,
  parseSdg,
  type PartnerIdentifier,
  type PlaceLevel,
  resolvePlace,
  splitList,
  splitLabelled,
} from "../../../domain/import";
import { normalizeForSearch, TERRITORY_LEVELS, type TerritoryLevel } from "../../../domain/territory";
import { territory } from "../../../domain/territory-data";
import { MESSAGES, translateKey } from "../../i18n/translate";
import { CreateAllianceInput } from "../alliances/schemas";
import type { WorkspaceContext } from "../context";
import { ensureWorkspaceOrganisation } from "../organisations/find-or-create-organisation";

export type Mapping = Array<AllianceColumn | null>;
export type PartnerDecision = { organisationId: string } | { create: OrganisationKind };
export type Decisions = Record<string, PartnerDecision>;

/** What an alliance is, in the terms the import compares and writes. */
export interface AllianceState {
  title: string;
  summary: string | null;
  keyResults: string | null;
  stage: (typeof LIFECYCLE_STAGES)[number];
  startsOn: string | null;
  endsOn: string | null;
  modes: Array<{ mode: (typeof MODES)[number]; mecenatForms: string[]; startsOn: string; endsOn: string | null }>;
  /** Partner organisations (the workspace's own excluded). */
  partnerIds: string[];
  sdgTargets: Array<{ target: string; isPrimary: boolean }>;
  territory: { scope: TerritoryLevel; codes: string[] };
  entryDoors: Array<(typeof ENTRY_DOORS)[number]>;
  tags: string[];
}

/** A row's values as read from the mapped columns; a field is absent when its column is not mapped. */
interface RowValues {
  title?: string;
  summary?: string | null;
  keyResults?: string | null;
  stage?: AllianceState["stage"] | null;
  startsOn?: string | null;
  endsOn?: string | null;
  currentMode?: AllianceState["modes"][number]["mode"] | null;
  modes?: AllianceState["modes"];
  partnerKeys?: string[];
  sdgTargets?: AllianceState["sdgTargets"];
  territory?: AllianceState["territory"];
  entryDoors?: AllianceState["entryDoors"];
  tags?: string[];
}

export interface PlannedRow {
  /** The row's line in the file (the header is line 1). */
  line: number;
  action: "create" | "update" | "unchanged";
  reference: string | null;
  allianceId: string | null;
  /** Whether the reference must be recorded for the next import to find the alliance. */
  recordReference: boolean;
  values: RowValues;
  /** The alliance as it is now, for a row that updates one. */
  current: CurrentAlliance | null;
}

export interface CellError {
  line: number;
  column: string | null;
  message: string;
}

export interface PartnerCandidate {
  id: string;
  name: string;
  kind: string;
  siren: string | null;
  rna: string | null;
  place: string | null;
  similarity: number;
}

export interface PartnerChoice {
  key: string;
  /** As the file wrote it (first occurrence). */
  text: string;
  name: string;
  identifier: PartnerIdentifier | null;
  /** matched: one organisation is certain; new: none is near, one will be created; confirm: the user must choose. */
  status: "matched" | "new" | "confirm";
  matched: PartnerCandidate | null;
  candidates: PartnerCandidate[];
  /** The kind of the organisation to create: the user's choice, else a guess from the name. */
  kind: OrganisationKind;
  lines: number[];
}

export interface ImportPlan {
  rows: PlannedRow[];
  errors: CellError[];
  mappingErrors: string[];
  partners: PartnerChoice[];
  counts: {
    rows: number;
    create: number;
    update: number;
    unchanged: number;
    invalid: number;
    organisationsNew: number;
    organisationsExisting: number;
    toConfirm: number;
  };
  ready: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Options with their labels in both languages, for matching a cell on either. */
function labelledOptions<K extends string>(
  keys: readonly K[],
  messageGroup: (m: (typeof MESSAGES)["fr"]) => Record<string, string>,
) {
  return keys.map((key) => ({
    key,
    labels: [messageGroup(MESSAGES.fr)[key], messageGroup(MESSAGES.en)[key]].filter((l): l is string => Boolean(l)),
  }));
}
const STAGE_OPTIONS = labelledOptions(LIFECYCLE_STAGES, (m) => m.alliance.lifecycle);
const MODE_OPTIONS = labelledOptions(MODES, (m) => m.alliance.modes);
const DOOR_OPTIONS = labelledOptions(ENTRY_DOORS, (m) => m.alliance.entryDoors);
const SCOPE_OPTIONS = labelledOptions(TERRITORY_LEVELS, (m) => m.alliances.scopeLevels);

/** The key one partner of the file is known by: its identifier, else its name. */
function partnerKey(p: { name: string; identifier: PartnerIdentifier | null }): string {
  if (p.identifier)
    return `${p.identifier.kind}:${p.identifier.kind === "siret" ? p.identifier.value.slice(0, 9) : p.identifier.value}`.replace(
      /^siret:/,
      "siren:",
    );
  return `name:${normalizeForSearch(p.name)}`;
}

/** The values of a SQL array parameter: postgres.js and PGlite both take a literal "{…}". */
export function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

interface ParsedRow {
  line: number;
  reference: string | null;
  values: RowValues;
  partners: Array<{ key: string; text: string; name: string; identifier: PartnerIdentifier | null }>;
}

/** Reads every mapped cell of every row; errors name the line and the column's header. */
function parseRows(
  headers: string[],
  rows: string[][],
  mapping: Mapping,
  locale: WorkspaceContext["locale"],
  errors: CellError[],
): ParsedRow[] {
  const t = (key: string, params: Record<string, string | number> = {}) =>
    translateKey(locale, `import.errors.${key}`, params);
  const index = territory();
  const columnOf = new Map<AllianceColumn, number>();
  mapping.forEach((field, i) => field && columnOf.set(field, i));
  const header = (field: AllianceColumn) => headers[columnOf.get(field)!] ?? field;

  return rows.map((cells, r) => {
    const line = r + 2;
    const fail = (field: AllianceColumn, key: string, params: Record<string, string | number> = {}) =>
      errors.push({ line, column: header(field), message: t(key, params) });
    const cell = (field: AllianceColumn): string | undefined =>
      columnOf.has(field) ? (cells[columnOf.get(field)!] ?? "").trim() : undefined;
    const values: RowValues = {};
    const title = cell("title");
    if (title) values.title = title;
    for (const field of ["summary", "keyResults"] as const) {
      const v = cell(field);
      if (v !== undefined) values[field] = v === "" ? null : v;
    }

    const stage = cell("stage");
    if (stage !== undefined) {
      values.stage = stage ? matchOption(stage, STAGE_OPTIONS) : null;
      if (stage && !values.stage) fail("stage", "stage", { value: stage });
    }
    for (const field of ["startsOn", "endsOn"] as const) {
      const v = cell(field);
      if (v === undefined) continue;
      values[field] = v ? parseFrenchDate(v) : null;
      if (v && !values[field]) fail(field, "date", { value: v });
    }

    const mode = cell("mode");
    if (mode !== undefined) {
      values.currentMode = mode ? matchOption(mode, MODE_OPTIONS) : null;
      if (mode && !values.currentMode) fail("mode", "mode", { value: mode });
    }
    const trajectory = cell("modes");
    if (trajectory) {
      const periods: AllianceState["modes"] = [];
      for (const part of splitList(trajectory)) {
        // "mecenat 2021-01-01/2022-06-30" (what the export writes; ".." or nothing when open), or with "→" / "->".
        const m =
          /^(.*?)\s+(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})\s*(?:\/|→|->)\s*(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}|\.\.)?$/.exec(
            part,
          );
        const code = m ? matchOption(m[1]!, MODE_OPTIONS) : null;
        const from = m ? parseFrenchDate(m[2]!) : null;
        const open = !m?.[3] || m[3] === "..";
        const to = m && !open ? parseFrenchDate(m[3]!) : null;
        if (!m || !code || !from || (!open && !to)) {
          fail("modes", "trajectory", { value: part });
          continue;
        }
        periods.push({ mode: code, mecenatForms: [], startsOn: from, endsOn: to });
      }
      if (periods.length) values.modes = periods;
    }

    const partners: ParsedRow["partners"] = [];
    const partnerCell = cell("partners");
    if (partnerCell !== undefined) {
      for (const part of splitList(partnerCell)) {
        const parsed = parsePartner(part);
        if (parsed.invalidIdentifier) {
          fail("partners", "identifier", { value: parsed.invalidIdentifier });
          continue;
        }
        const key = partnerKey(parsed);
        if (partners.some((p) => p.key === key)) continue;
        partners.push({ key, text: part, name: parsed.name, identifier: parsed.identifier });
      }
      values.partnerKeys = partners.map((p) => p.key);
    }

    const sdg = cell("sdgTargets");
    if (sdg !== undefined) {
      const targets: AllianceState["sdgTargets"] = [];
      let flagged = 0;
      for (const part of sdg
        .split(/[;|\n]+|,\s+/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        const parsed = parseSdg(part);
        if (!parsed) fail("sdgTargets", "sdg", { value: part });
        else if ("goal" in parsed) fail("sdgTargets", "sdgGoalOnly", { value: part, goal: parsed.goal });
        else if (!targets.some((x) => x.target === parsed.target)) {
          if (parsed.primary) flagged += 1;
          targets.push({ target: parsed.target, isPrimary: parsed.primary });
        }
      }
      if (flagged > 1) fail("sdgTargets", "sdgPrimary");
      if (flagged === 0 && targets[0]) targets[0].isPrimary = true;
      values.sdgTargets = targets;
    }

    const scopeCell = cell("territoryScope");
    let scope: TerritoryLevel | null = null;
    if (scopeCell) {
      scope = matchOption(scopeCell, SCOPE_OPTIONS);
      if (!scope) fail("territoryScope", "scope", { value: scopeCell });
    }
    const places = cell("territory");
    if (places !== undefined || scope) {
      const codes: string[] = [];
      let level: PlaceLevel | null = scope && scope !== "national" ? scope : null;
      for (const part of splitList(places ?? "")) {
        const match = resolvePlace(index, part, level);
        if ("error" in match) {
          fail("territory", `place.${match.error}`, {
            value: part,
            level: level ? translateKey(locale, `alliances.scopeLevels.${level}`) : "",
          });
          continue;
        }
        level ??= match.level;
        if (match.level !== level)
          fail("territory", "place.level", {
            value: part,
            level: translateKey(locale, `alliances.scopeLevels.${level}`),
          });
        else if (!codes.includes(match.code)) codes.push(match.code);
      }
      if (scope === "national" && codes.length) fail("territory", "place.national");
      values.territory = { scope: codes.length ? level! : "national", codes };
    }

    const doors = cell("entryDoors");
    if (doors !== undefined) {
      values.entryDoors = [];
      for (const part of splitList(doors)) {
        const door = matchOption(part, DOOR_OPTIONS);
        if (!door) fail("entryDoors", "entryDoor", { value: part });
        else if (!values.entryDoors.includes(door)) values.entryDoors.push(door);
      }
    }
    const tags = cell("tags");
    if (tags !== undefined) values.tags = [...new Set(splitList(tags).map((tag) => splitLabelled(tag).label || tag))];

    const reference = cell("reference") || null;
    if (reference && reference.length > 100) fail("reference", "reference");
    return { line, reference, values, partners };
  });
}

/** Today in the server's calendar, for a mode that starts with the import. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The alliance the row describes, over what it already is (nothing, for a new one). */
export function mergeState(
  current: AllianceState | null,
  values: RowValues,
  partnerIds: string[] | undefined,
  keepPartnerIds: string[] = [],
): AllianceState {
  const base: AllianceState = current ?? {
    title: "",
    summary: null,
    keyResults: null,
    stage: "preparation_partenariat",
    startsOn: null,
    endsOn: null,
    modes: [],
    partnerIds: [],
    sdgTargets: [],
    territory: { scope: "national", codes: [] },
    entryDoors: [],
    tags: [],
  };
  const next: AllianceState = { ...base };
  if (values.title !== undefined) next.title = values.title;
  if (values.summary !== undefined) next.summary = values.summary;
  if (values.keyResults !== undefined) next.keyResults = values.keyResults;
  if (values.stage) next.stage = values.stage;
  if (values.startsOn !== undefined) next.startsOn = values.startsOn;
  if (values.endsOn !== undefined) next.endsOn = values.endsOn;
  if (values.modes) {
    // A trajectory replaces the periods; forms of mécénat already recorded for a period are kept.
    next.modes = values.modes.map((p) => ({
      ...p,
      mecenatForms:
        p.mode === "mecenat"
          ? (base.modes.find((b) => b.mode === p.mode && b.startsOn === p.startsOn)?.mecenatForms ?? [])
          : [],
    }));
  } else if (values.currentMode && base.modes.at(-1)?.mode !== values.currentMode) {
    // Only the current mode is given and it changed: the last period ends, a new one starts.
    const start = current ? today() : (next.startsOn ?? today());
    const kept = base.modes
      .filter((m) => m.startsOn < start)
      .map((m, i, all) => (i === all.length - 1 && !m.endsOn ? { ...m, endsOn: start } : m));
    next.modes = [...kept, { mode: values.currentMode, mecenatForms: [], startsOn: start, endsOn: null }];
  }
  if (partnerIds) next.partnerIds = [...new Set([...partnerIds, ...keepPartnerIds])];
  if (values.sdgTargets) next.sdgTargets = values.sdgTargets;
  if (values.territory) next.territory = values.territory;
  if (values.entryDoors) next.entryDoors = values.entryDoors;
  if (values.tags) next.tags = values.tags;
  return next;
}

/** A comparable form: the same alliance gives the same string whatever the order of its lists. */
export function canonical(state: AllianceState): string {
  return JSON.stringify({
    ...state,
    summary: state.summary ?? null,
    keyResults: state.keyResults ?? null,
    modes: state.modes.map((m) => ({ ...m, mecenatForms: [...m.mecenatForms].sort(), endsOn: m.endsOn ?? null })),
    partnerIds: [...state.partnerIds].sort(),
    sdgTargets: [...state.sdgTargets].sort((a, b) => a.target.localeCompare(b.target)),
    territory: { scope: state.territory.scope, codes: [...state.territory.codes].sort() },
    entryDoors: [...state.entryDoors].sort(),
    tags: [...state.tags].sort(),
  });
}

interface CurrentRow {
  id: string;
  version: number;
  title: string;
  summary: string | null;
  key_results: string | null;
  stage: AllianceState["stage"];
  starts_on: string | null;
  ends_on: string | null;
  territory_scope: TerritoryLevel;
  entry_doors: AllianceState["entryDoors"];
  tags: string[];
  modes: Array<{
    mode: AllianceState["modes"][number]["mode"];
    mecenatForms: string[];
    startsOn: string;
    endsOn: string | null;
  }> | null;
  partners: Array<{ id: string; coOwner: boolean }> | null;
  targets: AllianceState["sdgTargets"] | null;
  places: string[] | null;
}

/**
 * The present state of the alliances a file refers to, in one query. Tenant: only alliances the
 * workspace is an accepted party of.
 */
export interface CurrentAlliance {
  state: AllianceState;
  version: number;
  /** Partner organisations that co-own the alliance with a workspace of their own (kept whatever the file says). */
  coOwners: string[];
}

export async function currentStates(ctx: WorkspaceContext, ids: string[]): Promise<Map<string, CurrentAlliance>> {
  const states = new Map<string, CurrentAlliance>();
  if (ids.length === 0) return states;
  // One plain query per table, put together here: joins or correlated subqueries over
  // thousands of alliances let the planner (with row-level security's filter on every row, and
  // statistics not yet updated after a large import) pick plans that rescan per alliance.
  const list = sql`${pgArray(ids)}::uuid[]`;
  const [cores, modes, parties, targets, places] = await Promise.all([
    ctx.tx.execute(sql`
      select a.id, a.version, a.title, a.summary, a.key_results, a.stage, a.starts_on::text as starts_on, a.ends_on::text as ends_on,
        a.territory_scope, a.entry_doors, a.tags
      from alliances a where a.id = any(${list})`),
    ctx.tx.execute(
      sql`select alliance_id, mode, mecenat_forms, starts_on::text as starts_on, ends_on::text as ends_on from alliance_mode_periods where alliance_id = any(${list}) order by starts_on`,
    ),
    ctx.tx.execute(
      sql`select alliance_id, organisation_id, workspace_id, status from alliance_parties where alliance_id = any(${list})`,
    ),
    ctx.tx.execute(
      sql`select alliance_id, target, is_primary from alliance_sdg_targets where alliance_id = any(${list})`,
    ),
    ctx.tx.execute(sql`select alliance_id, code from alliance_territories where alliance_id = any(${list})`),
  ]);
  const grouped = <T extends { alliance_id: string }>(result: unknown) => {
    const map = new Map<string, T[]>();
    for (const r of resultRows<T>(result)) map.set(r.alliance_id, [...(map.get(r.alliance_id) ?? []), r]);
    return map;
  };
  const modesOf = grouped<{
    alliance_id: string;
    mode: AllianceState["modes"][number]["mode"];
    mecenat_forms: string[];
    starts_on: string;
    ends_on: string | null;
  }>(modes);
  const partiesOf = grouped<{
    alliance_id: string;
    organisation_id: string;
    workspace_id: string | null;
    status: string;
  }>(parties);
  const targetsOf = grouped<{ alliance_id: string; target: string; is_primary: boolean }>(targets);
  const placesOf = grouped<{ alliance_id: string; code: string }>(places);
  const rows: CurrentRow[] = [];
  for (const core of resultRows<Omit<CurrentRow, "modes" | "partners" | "targets" | "places">>(cores)) {
    const own = partiesOf.get(core.id)?.some((p) => p.workspace_id === ctx.workspaceId && p.status === "accepted");
    if (!own) continue; // Tenant: only alliances the workspace is an accepted party of.
    rows.push({
      ...core,
      modes: (modesOf.get(core.id) ?? []).map((m) => ({
        mode: m.mode,
        mecenatForms: m.mecenat_forms,
        startsOn: m.starts_on,
        endsOn: m.ends_on,
      })),
      partners: (partiesOf.get(core.id) ?? [])
        .filter((p) => p.workspace_id !== ctx.workspaceId)
        .map((p) => ({ id: p.organisation_id, coOwner: p.workspace_id !== null })),
      targets: (targetsOf.get(core.id) ?? []).map((t) => ({ target: t.target, isPrimary: t.is_primary })),
      places: (placesOf.get(core.id) ?? []).map((p) => p.code),
    });
  }
  for (const r of rows) {
    states.set(r.id, {
      version: r.version,
      coOwners: (r.partners ?? []).filter((p) => p.coOwner).map((p) => p.id),
      state: {
        title: r.title,
        summary: r.summary,
        keyResults: r.key_results,
        stage: r.stage,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        modes: (r.modes ?? []).map((m) => ({ ...m, endsOn: m.endsOn ?? null })),
        partnerIds: (r.partners ?? []).map((p) => p.id),
        sdgTargets: r.targets ?? [],
        territory: { scope: r.territory_scope, codes: r.places ?? [] },
        entryDoors: r.entry_doors,
        tags: r.tags,
      },
    });
  }
  return states;
}

interface OrganisationRow {
  id: string;
  name: string;
  search_name: string;
  kind: string;
  siren: string | null;
  siret: string | null;
  rna: string | null;
  commune_code: string | null;
}

function candidate(o: OrganisationRow, similarity: number): PartnerCandidate {
  const commune = o.commune_code ? territory().communes.get(o.commune_code) : null;
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    siren: o.siren,
    rna: o.rna,
    place: commune ? `${commune.name} (${commune.departement})` : null,
    similarity: Math.round(similarity * 100) / 100,
  };
}

/**
 * Matches the file's partners to the shared directory: by SIREN (a SIRET's first nine digits
 * included), SIRET or RNA first, then by exact name, then proposes names that are near for the
 * user to confirm. Applies the user's decisions. Reads the directory (shared by every workspace).
 */
async function matchPartners(
  ctx: WorkspaceContext,
  parsed: ParsedRow[],
  decisions: Decisions,
): Promise<PartnerChoice[]> {
  const byKey = new Map<string, PartnerChoice>();
  for (const row of parsed) {
    for (const p of row.partners) {
      const known = byKey.get(p.key);
      if (known) {
        if (known.lines.length < 20) known.lines.push(row.line);
        if (!known.name && p.name) known.name = p.name;
        continue;
      }
      byKey.set(p.key, {
        key: p.key,
        text: p.text,
        name: p.name,
        identifier: p.identifier,
        status: "new",
        matched: null,
        candidates: [],
        kind: guessKind(p.name, p.identifier),
        lines: [row.line],
      });
    }
  }
  const choices = [...byKey.values()];
  const sirens = choices.flatMap((c) =>
    c.identifier && c.identifier.kind !== "rna" ? [c.identifier.value.slice(0, 9)] : [],
  );
  const rnas = choices.flatMap((c) => (c.identifier?.kind === "rna" ? [c.identifier.value] : []));
  const names = choices.flatMap((c) => (c.identifier ? [] : [normalizeForSearch(c.name)]));
  // Near names are looked for among those whose first telling word starts alike ("Association
  // Les Restos…" and "Restos du cœur" both start at "rest"): one pass over the directory.
  const prefixes = [
    ...new Set(
      choices.flatMap((c) => (c.identifier ? [] : [nameCore(c.name).slice(0, 4)])).filter((p) => p.length >= 3),
    ),
  ];
  const noise = [...NAME_NOISE].join("|");
  const columns = sql`id, name, search_name, kind, siren, siret, rna, commune_code`;
  const [byIdentifier, byName, near] = await Promise.all([
    sirens.length || rnas.length
      ? ctx.tx.execute(
          sql`select ${columns} from organisations where siren = any(${pgArray(sirens)}::text[]) or rna = any(${pgArray(rnas)}::text[])`,
        )
      : Promise.resolve([]),
    names.length
      ? ctx.tx.execute(sql`select ${columns} from organisations where search_name = any(${pgArray(names)}::text[])`)
      : Promise.resolve([]),
    prefixes.length
      ? ctx.tx.execute(
          sql`select ${columns} from organisations
              where substring(regexp_replace(search_name, ${`^((${noise})\s+)+`}, '') from 1 for 4) = any(${pgArray(prefixes)}::text[]) limit 20000`,
        )
      : Promise.resolve([]),
  ]);
  const identified = resultRows<OrganisationRow>(byIdentifier);
  const named = resultRows<OrganisationRow>(byName);
  const nearRows = resultRows<OrganisationRow>(near);

  for (const choice of choices) {
    if (choice.identifier) {
      const id = choice.identifier;
      const hit = identified.find((o) => (id.kind === "rna" ? o.rna === id.value : o.siren === id.value.slice(0, 9)));
      if (hit) {
        choice.status = "matched";
        choice.matched = candidate(hit, 1);
      }
    } else {
      const wanted = normalizeForSearch(choice.name);
      const exact = named.filter((o) => o.search_name === wanted);
      if (exact.length === 1) {
        choice.status = "matched";
        choice.matched = candidate(exact[0]!, 1);
      } else {
        const close =
          exact.length > 1
            ? exact.map((o) => candidate(o, 1))
            : nearRows
                .map((o) => candidate(o, nameSimilarity(o.name, choice.name)))
                .filter((c) => c.similarity >= NEAR_MATCH);
        choice.candidates = close
          .sort((a, b) => b.similarity - a.similarity || a.name.localeCompare(b.name))
          .slice(0, 5);
        if (choice.candidates.length) choice.status = "confirm";
      }
    }
    const decision = decisions[choice.key];
    if (decision && "organisationId" in decision) {
      const chosen =
        choice.candidates.find((c) => c.id === decision.organisationId) ??
        (choice.matched?.id === decision.organisationId ? choice.matched : null);
      if (chosen) {
        choice.status = "matched";
        choice.matched = chosen;
      }
    } else if (
      decision &&
      "create" in decision &&
      ORGANISATION_KINDS.includes(decision.create) &&
      choice.status !== "matched"
    ) {
      choice.status = "new";
      choice.kind = decision.create;
    }
  }
  return choices;
}

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
