/**
 * Evaluation of an alliance: the questionnaire each party answers, the rules that read the
 * answers (averages, perception gaps, the status light, the "at risk" signal) and the library
 * of common indicators. Pure: the services and the tests use the same functions.
 */
import { IMPACT_DIMENSIONS, type ImpactDimension } from "./alliances";

/** What a question is about: one of the three impacts, the balance of the partnership, or the value received. */
export const QUESTION_DIMENSIONS = [...IMPACT_DIMENSIONS.map((d) => d.key), "equilibre", "valeur"] as const;
export type QuestionDimension = (typeof QUESTION_DIMENSIONS)[number];

export interface Question {
  key: string;
  dimension: QuestionDimension;
  /** A workspace's own wording; null for a default question (its text is in messages: evaluation.questions.<key>). */
  label: string | null;
}

/** The default questionnaire: two questions per impact, the balance, and the value received. */
export const DEFAULT_QUESTIONS: Question[] = [
  { key: "performance_objectives", dimension: "performance", label: null },
  { key: "performance_capabilities", dimension: "performance", label: null },
  { key: "innovation_solutions", dimension: "innovation", label: null },
  { key: "innovation_territory", dimension: "innovation", label: null },
  { key: "confiance_relationship", dimension: "confiance", label: null },
  { key: "confiance_beyond", dimension: "confiance", label: null },
  { key: "equilibre_fairness", dimension: "equilibre", label: null },
  { key: "valeur_received", dimension: "valeur", label: null },
];

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
/** A difference of this many points between two parties' scores on one question is flagged. */
export const GAP_THRESHOLD = 2;

export interface PartyAnswers {
  partyKey: string;
  /** Score per question key; a party that did not answer has none. */
  scores: Record<string, number>;
}

/** The spread of the parties' scores on each question (max − min), and whether it is flagged. */
export function perceptionGaps(questions: Question[], parties: PartyAnswers[]) {
  return questions.map((q) => {
    const scores = parties.map((p) => p.scores[q.key]).filter((s): s is number => typeof s === "number");
    const gap = scores.length >= 2 ? Math.max(...scores) - Math.min(...scores) : 0;
    return { key: q.key, dimension: q.dimension, gap, flagged: gap >= GAP_THRESHOLD };
  });
}

/** The average score per dimension over every answering party (null when nobody scored it), to 2 decimals. */
export function dimensionAverages(
  questions: Question[],
  parties: PartyAnswers[],
): Record<QuestionDimension, number | null> {
  const result = {} as Record<QuestionDimension, number | null>;
  for (const dimension of QUESTION_DIMENSIONS) {
    const keys = questions.filter((q) => q.dimension === dimension).map((q) => q.key);
    const scores = parties.flatMap((p) =>
      keys.map((k) => p.scores[k]).filter((s): s is number => typeof s === "number"),
    );
    result[dimension] = scores.length
      ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100
      : null;
  }
  return result;
}

export type StatusLight = "green" | "new" | "amber" | "red";

/** The lights in the order they are shown: evaluated, not due yet, due, late. */
export const STATUS_LIGHTS: readonly StatusLight[] = ["green", "new", "amber", "red"];

const MONTH_MS = 30.44 * 24 * 3600 * 1000;
/** The time rules of the light and the risk reasons, in months of 30.44 days. */
const GREEN_WITHIN_MONTHS = 12;
const RED_AFTER_MONTHS = 24;
const INACTIVE_AFTER_MONTHS = 6;

/**
 * The evaluation status light of an alliance:
 * - green: a cycle closed within the last 12 months;
 * - new: never evaluated, no cycle running, and started less than 12 months ago (or not yet):
 *   no evaluation is due, so nothing asks for attention;
 * - red: no closed cycle for over 24 months (counted from the last one, or from the alliance's
 *   start when it never had one), and none running;
 * - amber otherwise: a cycle is running, or one is due (last closed 12–24 months ago, or an
 *   alliance started 12–24 months ago and never evaluated).
 */
export function statusLight(input: {
  lastClosedAt: Date | null;
  running: boolean;
  since: Date;
  now: Date;
}): StatusLight {
  const months = (from: Date) => (input.now.getTime() - from.getTime()) / MONTH_MS;
  if (input.lastClosedAt && months(input.lastClosedAt) <= GREEN_WITHIN_MONTHS) return "green";
  if (input.running) return "amber";
  if (!input.lastClosedAt && months(input.since) <= GREEN_WITHIN_MONTHS) return "new";
  return months(input.lastClosedAt ?? input.since) > RED_AFTER_MONTHS ? "red" : "amber";
}

/**
 * The next instant after `now` at which statusLight's answer may change with time alone (the
 * data unchanged): 12 and 24 months after the last closed cycle, or after the start when there
 * was none. Null when both are past. Figures that show a light are kept until then.
 */
export function lightChangesAt(input: { lastClosedAt: Date | null; since: Date; now: Date }): Date | null {
  const from = (input.lastClosedAt ?? input.since).getTime();
  for (const months of [GREEN_WITHIN_MONTHS, RED_AFTER_MONTHS]) {
    const at = from + months * MONTH_MS;
    if (at > input.now.getTime()) return new Date(at);
  }
  return null;
}

/** The day an evaluation falls due: 12 months (as the light counts them) after the last closed cycle, or after the start. */
export function nextEvaluationDue(input: { lastClosedAt: Date | null; since: Date }): Date {
  return new Date((input.lastClosedAt ?? input.since).getTime() + GREEN_WITHIN_MONTHS * MONTH_MS);
}

export const RISK_REASONS = ["inactive", "overdueCycle", "trustGap", "balanceGap", "shrinkingLedger"] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

/** An alliance is at risk when any of the rules of `riskReasons` gives a reason. */
export const isAtRisk = (health: { reasons: readonly RiskReason[] }) => health.reasons.length > 0;

/**
 * Why an alliance is at risk (empty when it is not): no shared activity for 6 months, an open
 * cycle past its due date, a flagged gap on trust or balance in the last closed cycle, or a
 * contribution ledger worth less over the last 12 months than over the 12 before.
 */
export function riskReasons(input: {
  lastActivityAt: Date;
  overdueCycle: boolean;
  trustGap: boolean;
  balanceGap: boolean;
  ledgerLast12: number;
  ledgerPrevious12: number;
  now: Date;
}): RiskReason[] {
  const reasons: RiskReason[] = [];
  if ((input.now.getTime() - input.lastActivityAt.getTime()) / MONTH_MS > INACTIVE_AFTER_MONTHS)
    reasons.push("inactive");
  if (input.overdueCycle) reasons.push("overdueCycle");
  if (input.trustGap) reasons.push("trustGap");
  if (input.balanceGap) reasons.push("balanceGap");
  if (input.ledgerPrevious12 > 0 && input.ledgerLast12 < input.ledgerPrevious12) reasons.push("shrinkingLedger");
  return reasons;
}

/**
 * The first instant after `now` at which the status light or the time-based risk reason of an
 * alliance would change with no change to its data: its last closed cycle (its start, when it
 * has none) turning 12 or 24 months old, or its last activity turning 6 months old. Null when
 * none lies ahead. Stored figures built from these rules expire then.
 */
export function nextRuleChange(input: {
  lastClosedAt: Date | null;
  since: Date;
  lastActivityAt: Date;
  now: Date;
}): Date | null {
  // The light's own changes (lightChangesAt), then "inactive" 6 months after the last activity.
  const inactive = input.lastActivityAt.getTime() + INACTIVE_AFTER_MONTHS * MONTH_MS;
  const candidates = [
    lightChangesAt(input)?.getTime() ?? Infinity,
    inactive > input.now.getTime() ? inactive : Infinity,
  ];
  const first = Math.min(...candidates);
  return Number.isFinite(first) ? new Date(first) : null;
}

export const INDICATOR_DIRECTIONS = ["higher", "lower"] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];
export const INDICATOR_FREQUENCIES = ["monthly", "quarterly", "half_yearly", "yearly", "once"] as const;
export type IndicatorFrequency = (typeof INDICATOR_FREQUENCIES)[number];

/** Common indicators to pick from or copy and adapt; names are in messages (indicators.library.<key>). */
export const INDICATOR_LIBRARY: Array<{
  key: string;
  unit: string;
  dimension: ImpactDimension;
  direction: IndicatorDirection;
  frequency: IndicatorFrequency;
}> = [
  { key: "people_supported", unit: "personnes", dimension: "innovation", direction: "higher", frequency: "yearly" },
  { key: "volunteer_hours", unit: "heures", dimension: "performance", direction: "higher", frequency: "quarterly" },
  { key: "jobs", unit: "emplois", dimension: "performance", direction: "higher", frequency: "yearly" },
  { key: "waste_avoided", unit: "tonnes", dimension: "innovation", direction: "higher", frequency: "yearly" },
  { key: "young_trained", unit: "jeunes", dimension: "innovation", direction: "higher", frequency: "yearly" },
  { key: "euros_mobilised", unit: "€", dimension: "performance", direction: "higher", frequency: "yearly" },
  { key: "employees_engaged", unit: "salariés", dimension: "confiance", direction: "higher", frequency: "yearly" },
  { key: "local_partners", unit: "partenaires", dimension: "confiance", direction: "higher", frequency: "yearly" },
  { key: "co2_avoided", unit: "tCO2e", dimension: "innovation", direction: "higher", frequency: "yearly" },
  { key: "waiting_time", unit: "jours", dimension: "performance", direction: "lower", frequency: "quarterly" },
];

/**
 * How far the latest value has gone from the baseline toward the target, as a share (0 at the
 * baseline, 1 at the target; below 0 or above 1 when it went backwards or beyond). Null when
 * there is no value, or baseline and target are the same. Works for "lower is better" too,
 * because the target then lies below the baseline.
 */
export function progressTowardTarget(
  baseline: number | null,
  target: number | null,
  latest: number | null,
): number | null {
  if (baseline === null || target === null || latest === null || target === baseline) return null;
  return Math.round(((latest - baseline) / (target - baseline)) * 1000) / 1000;
}

/** Is the target on the right side of the baseline for the direction? (a form check) */
export function targetMatchesDirection(
  direction: IndicatorDirection,
  baseline: number | null,
  target: number | null,
): boolean {
  if (baseline === null || target === null) return true;
  return direction === "higher" ? target >= baseline : target <= baseline;
}
