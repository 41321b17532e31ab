import { sql } from "drizzle-orm";
import { bigint, boolean, check, integer, numeric, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/*
 * The public observatory (server/jobs/observatory.ts). Unlike the territorial summary, these
 * rows hold figures as published: already perturbed by the cell key method and with small cells
 * emptied, so the public role may read them directly and never meets a true count.
 */

/**
 * One published figure: a scope (France, a région, an SDG goal), a table of the observatory
 * (`section`) and a row of it (`key`). Null figures are hidden (fewer than 3 alliances or 3
 * organisations in the cell).
 */
export const observatoryFigures = pgTable(
  "observatory_figures",
  {
    scope: text().notNull(),
    code: text().notNull(),
    section: text().notNull(),
    key: text().notNull(),
    alliances: integer(),
    organisations: integer(),
    cents: bigint({ mode: "number" }),
    hours: numeric({ mode: "number" }),
    /** Average score (1–5) for the evaluation tables; null elsewhere. */
    score: numeric({ mode: "number" }),
  },
  (t) => [primaryKey({ name: "observatory_figures_pkey", columns: [t.scope, t.code, t.section, t.key] })],
);

/** When the observatory was last computed, how long it took and how many alliances it covered (one row). */
export const observatoryRefreshes = pgTable(
  "observatory_refreshes",
  {
    singleton: boolean().notNull().default(true),
    refreshedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    durationMs: integer().notNull(),
    alliances: integer().notNull(),
    figures: integer().notNull(),
  },
  (t) => [
    primaryKey({ name: "observatory_refreshes_pkey", columns: [t.singleton] }),
    check("observatory_refreshes_singleton_check", sql`singleton`),
  ],
);
