import { ENTRY_DOORS, LIFECYCLE_STAGES, MODES } from "../../../domain/alliances";
import { type AllianceColumn } from "../../../domain/exchange";
import {
  matchOption,
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
import type { WorkspaceContext } from "../context";
import type { CellError, Mapping } from "./import-types";
import { AllianceState, RowValues } from "../../../domain/import-merge";

/** Reading an import file: each mapped cell of each row, checked and turned into values, with errors naming line and column. */

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Options with their labels in both languages, for matching a cell on either. */
export function labelledOptions<K extends string>(
  keys: readonly K[],
  messageGroup: (m: (typeof MESSAGES)["fr"]) => Record<string, string>,
) {
  return keys.map((key) => ({
    key,
    labels: [messageGroup(MESSAGES.fr)[key], messageGroup(MESSAGES.en)[key]].filter((l): l is string => Boolean(l)),
  }));
}
export const STAGE_OPTIONS = labelledOptions(LIFECYCLE_STAGES, (m) => m.alliance.lifecycle);
export const MODE_OPTIONS = labelledOptions(MODES, (m) => m.alliance.modes);
export const DOOR_OPTIONS = labelledOptions(ENTRY_DOORS, (m) => m.alliance.entryDoors);
export const SCOPE_OPTIONS = labelledOptions(TERRITORY_LEVELS, (m) => m.alliances.scopeLevels);

/** The key one partner of the file is known by: its identifier, else its name. */
export function partnerKey(p: { name: string; identifier: PartnerIdentifier | null }): string {
  if (p.identifier)
    return `${p.identifier.kind}:${p.identifier.kind === "siret" ? p.identifier.value.slice(0, 9) : p.identifier.value}`.replace(
      /^siret:/,
      "siren:",
    );
  return `name:${normalizeForSearch(p.name)}`;
}

export interface ParsedRow {
  line: number;
  reference: string | null;
  values: RowValues;
  partners: Array<{ key: string; text: string; name: string; identifier: PartnerIdentifier | null }>;
}

/** Reads every mapped cell of every row; errors name the line and the column's header. */
export function parseRows(
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
