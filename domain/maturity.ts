import type { EntryDoor } from "./alliances";
import type { ToolPurpose } from "./toolbox";

/*
 * The SDG maturity self-assessment: an organisation places itself, axis by axis, on four
 * described levels. The questionnaire is versioned: an assessment keeps the version it was
 * answered under, and peers are only compared within one version.
 */

export const MATURITY_VERSION = "2026-1";

export const MATURITY_AXES = ["strategie", "gouvernance", "pratiques", "alliances", "mesure"] as const;
export type MaturityAxis = (typeof MATURITY_AXES)[number];

export const MATURITY_LEVELS = [1, 2, 3, 4] as const;
export type MaturityLevel = (typeof MATURITY_LEVELS)[number];

/** Below this many closed assessments of the same kind, no peer figure is shown (app_maturity_peers, migration 0054, applies it; this copy is what the page says). */
export const PEER_THRESHOLD = 10;

/** A level at or under this one makes an axis "weak": the toolbox's tools that help are suggested. */
export const WEAK_LEVEL = 2;

/** Where the toolbox helps each axis: an entry door and the purposes that fit a weak level. */
export const AXIS_TOOLS: Record<MaturityAxis, { door: EntryDoor; purposes: ToolPurpose[] }> = {
  strategie: { door: "contribution_odd", purposes: ["informer", "agir"] },
  gouvernance: { door: "contribution_odd", purposes: ["former", "agir"] },
  pratiques: { door: "engagement_salaries", purposes: ["informer", "agir"] },
  alliances: { door: "co_construction_territoriale", purposes: ["informer", "former"] },
  mesure: { door: "innovation_societale", purposes: ["former", "agir"] },
};

/**
 * The assessment's level on an axis from its contributors' levels: the lower median, so that
 * one enthusiastic answer does not lift the organisation above what most of them see.
 */
export function consensusLevel(levels: readonly number[]): MaturityLevel | null {
  if (levels.length === 0) return null;
  const sorted = [...levels].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] as MaturityLevel;
}

/** The median of peers' levels on an axis (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
