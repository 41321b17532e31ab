import { ENTRY_DOORS, LIFECYCLE_STAGES, MODES } from "./alliances";
import type { TerritoryLevel } from "./territory";

/*
 * The pure core of an import: an alliance as the import compares and writes it, a row merged over
 * what the alliance is now, and a comparable form to tell an unchanged row.
 */

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
export interface RowValues {
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
