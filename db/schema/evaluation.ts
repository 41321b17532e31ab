import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  date,
  index,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { INDICATOR_DIRECTIONS, INDICATOR_FREQUENCIES, type Question } from "../../domain/evaluation";
import { alliances } from "./alliances";
import { createdAt, id, version } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const impactDimension = pgEnum("impact_dimension", ["performance", "innovation", "confiance"]);
export const cycleStatus = pgEnum("cycle_status", ["open", "closed"]);
export const participantStatus = pgEnum("participant_status", ["pending", "answered", "missed"]);
export const indicatorDirection = pgEnum("indicator_direction", INDICATOR_DIRECTIONS);
export const indicatorFrequency = pgEnum("indicator_frequency", INDICATOR_FREQUENCIES);

const allianceRef = () =>
  uuid()
    .notNull()
    .references((): AnyPgColumn => alliances.id, { onDelete: "cascade" });

/**
 * An evaluation cycle of an alliance for a period. The questions are copied in when it opens
 * (the default questionnaire or the opening workspace's own), so later edits never change it.
 */
export const evaluationCycles = pgTable(
  "evaluation_cycles",
  {
    id: id(),
    allianceId: allianceRef(),
    period: text().notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    questions: jsonb().$type<Question[]>().notNull(),
    status: cycleStatus().notNull().default("open"),
    openedByWorkspaceId: uuid().references(() => workspaces.id, { onDelete: "set null" }),
    openedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    closedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** "all_answered" when the last party answered, "closed_early" when an editor closed it. */
    closedReason: text(),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    index("evaluation_cycles_alliance_idx").on(t.allianceId, t.createdAt.desc()),
    uniqueIndex("evaluation_cycles_open_idx")
      .on(t.allianceId)
      .where(sql`${t.status} = 'open'`),
  ],
);

/** Each co-owning workspace asked to answer a cycle, and whether it did. */
export const evaluationParticipants = pgTable(
  "evaluation_participants",
  {
    cycleId: uuid()
      .notNull()
      .references(() => evaluationCycles.id, { onDelete: "cascade" }),
    allianceId: allianceRef(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The party's name when the cycle opened (it stays readable if the party leaves later). */
    organisationName: text().notNull(),
    status: participantStatus().notNull().default("pending"),
    answeredAt: timestamp({ withTimezone: true, mode: "date" }),
    answeredBy: uuid().references(() => users.id, { onDelete: "set null" }),
    remindedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.workspaceId] }),
    index("evaluation_participants_ws_idx").on(t.workspaceId, t.status),
    // Deleting an alliance checks its foreign keys: without these, a seq scan per alliance.
    index("evaluation_participants_alliance_idx").on(t.allianceId),
  ],
);

/** One party's score (1–5), justification and evidence links on one question of a cycle. */
export const evaluationAnswers = pgTable(
  "evaluation_answers",
  {
    cycleId: uuid()
      .notNull()
      .references(() => evaluationCycles.id, { onDelete: "cascade" }),
    allianceId: allianceRef(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    questionKey: text().notNull(),
    /** The question's dimension, copied so gaps per dimension are computed in SQL. */
    dimension: text().notNull(),
    score: smallint().notNull(),
    justification: text().notNull(),
    evidence: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.workspaceId, t.questionKey] }),
    index("evaluation_answers_alliance_idx").on(t.allianceId),
  ],
);

/** An indicator of the alliance (shared core): what is measured, from where, toward what. */
export const allianceIndicators = pgTable(
  "alliance_indicators",
  {
    id: id(),
    allianceId: allianceRef(),
    name: text().notNull(),
    unit: text().notNull(),
    dimension: impactDimension().notNull(),
    sdgTarget: text(),
    direction: indicatorDirection().notNull().default("higher"),
    baseline: numeric({ precision: 16, scale: 2, mode: "number" }),
    target: numeric({ precision: 16, scale: 2, mode: "number" }),
    frequency: indicatorFrequency().notNull().default("yearly"),
    /** The library entry it was copied from, if any. */
    libraryKey: text(),
    createdByWorkspaceId: uuid().references(() => workspaces.id, { onDelete: "set null" }),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [index("alliance_indicators_alliance_idx").on(t.allianceId)],
);

/** A measured value of an indicator for a period, entered by one party. */
export const indicatorResults = pgTable(
  "indicator_results",
  {
    id: id(),
    indicatorId: uuid()
      .notNull()
      .references(() => allianceIndicators.id, { onDelete: "cascade" }),
    allianceId: allianceRef(),
    workspaceId: uuid().references(() => workspaces.id, { onDelete: "set null" }),
    /** The period's label as entered ("2025", "T1 2026") and its last day, for ordering. */
    period: text().notNull(),
    periodEnd: date({ mode: "string" }).notNull(),
    value: numeric({ precision: 16, scale: 2, mode: "number" }).notNull(),
    note: text(),
    evidenceUrl: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("indicator_results_indicator_idx").on(t.indicatorId, t.periodEnd),
    index("indicator_results_alliance_idx").on(t.allianceId),
  ],
);
