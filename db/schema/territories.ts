import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const coordinationLevel = pgEnum("coordination_level", ["region", "departement"]);
export const coordinationStatus = pgEnum("coordination_status", ["requested", "approved", "refused"]);

/** A workspace's request to coordinate a territory (INSEE code), decided by a platform operator. */
export const territoryCoordinations = pgTable(
  "territory_coordinations",
  {
    id: id(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    level: coordinationLevel().notNull(),
    code: text().notNull(),
    reason: text(),
    status: coordinationStatus().notNull().default("requested"),
    requestedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedBy: text(),
    decidedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("territory_coordinations_unique_idx").on(t.workspaceId, t.level, t.code),
    index("territory_coordinations_status_idx").on(t.status, t.createdAt),
  ],
);

/*
 * The territorial statistics summary (server/jobs/territory-statistics.ts), created in SQL
 * by its migrations and read only through the statistician's functions (db/structure.sql shows
 * the grants); declared here so that the schema is the whole picture.
 */

/** One cell of the summary: a territory, a dimension and a key, with its counts, amounts and cell keys. */
export const territoryStatistics = pgTable(
  "territory_statistics",
  {
    level: text().notNull(),
    code: text().notNull(),
    dimension: text().notNull(),
    key: text().notNull(),
    alliances: integer().notNull(),
    organisations: integer().notNull(),
    cents: bigint({ mode: "number" }).notNull(),
    hours: numeric().notNull(),
    allianceKey: bigint({ mode: "number" }).notNull().default(0),
    organisationKey: bigint({ mode: "number" }).notNull().default(0),
    amountKey: bigint({ mode: "number" }).notNull().default(0),
    largestCents: bigint({ mode: "number" }).notNull().default(0),
    largestHours: numeric().notNull().default("0"),
  },
  (t) => [primaryKey({ name: "territory_statistics_pkey", columns: [t.level, t.code, t.dimension, t.key] })],
);

/** When the summary was last computed, how long it took and what it covered (one row). */
export const territoryStatisticsRefreshes = pgTable(
  "territory_statistics_refreshes",
  {
    singleton: boolean().notNull().default(true),
    refreshedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    durationMs: integer().notNull(),
    alliances: integer().notNull(),
    cells: integer().notNull(),
  },
  (t) => [
    primaryKey({ name: "territory_statistics_refreshes_pkey", columns: [t.singleton] }),
    check("territory_statistics_refreshes_singleton_check", sql`singleton`),
  ],
);
