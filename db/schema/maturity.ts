import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt, version } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

/** Levels by axis (1 to 4). */
export type MaturityLevels = Partial<Record<string, number>>;

/**
 * A workspace's SDG maturity self-assessment: open while members answer, closed by an admin
 * with one level per axis. It keeps the questionnaire version it was answered under and the
 * workspace's kind at the time (peers are compared by kind and version).
 */
export const maturityAssessments = pgTable(
  "maturity_assessments",
  {
    id: id(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    workspaceKind: text().notNull(),
    year: smallint().notNull(),
    questionnaireVersion: text().notNull(),
    status: text().notNull().default("open"),
    levels: jsonb().$type<MaturityLevels>(),
    openedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    closedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    closedAt: timestamp({ withTimezone: true, mode: "date" }),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("maturity_assessments_one_open_idx")
      .on(t.workspaceId)
      .where(sql`status = 'open'`),
    index("maturity_assessments_peers_idx").on(t.questionnaireVersion, t.workspaceKind, t.status),
  ],
);

/** One member's levels in an open assessment (replaced when they answer again). */
export const maturityAnswers = pgTable(
  "maturity_answers",
  {
    assessmentId: uuid()
      .notNull()
      .references(() => maturityAssessments.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    levels: jsonb().$type<MaturityLevels>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.userId] })],
);
