import { bigint, customType, foreignKey, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { workspaces } from "./workspaces";

/** PostgreSQL's 64-bit transaction id, as pg_current_xact_id() gives it. */
const xid8 = customType<{ data: string }>({ dataType: () => "xid8" });

/*
 * The stored workspace figures (server/services/stored-figures.ts). Created in SQL by their
 * migrations, with their row-level security (db/structure.sql shows the policies); declared here
 * so that the schema is the whole picture and queries can name them. Constraint names are the
 * ones PostgreSQL gave.
 */

/**
 * One row per transaction that changed a workspace's data, written by triggers on the tables
 * the figures read; a workspace's data version is its compacted count plus these rows.
 */
export const workspaceChanges = pgTable(
  "workspace_changes",
  {
    workspaceId: uuid().notNull(),
    xid: xid8()
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [
    primaryKey({ name: "workspace_changes_pkey", columns: [t.workspaceId, t.xid] }),
    foreignKey({
      name: "workspace_changes_workspace_id_fkey",
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }).onDelete("cascade"),
  ],
);

/** The count of a workspace's change rows folded so far (the compaction job folds them). */
export const workspaceDataVersions = pgTable(
  "workspace_data_versions",
  {
    workspaceId: uuid().notNull(),
    version: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ name: "workspace_data_versions_pkey", columns: [t.workspaceId] }),
    foreignKey({
      name: "workspace_data_versions_workspace_id_fkey",
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }).onDelete("cascade"),
  ],
);

/** Figures computed for a workspace, kept while its data version is the one they were computed at and until they expire. */
export const workspaceFigures = pgTable(
  "workspace_figures",
  {
    workspaceId: uuid().notNull(),
    kind: text().notNull(),
    params: text().notNull(),
    dataVersion: bigint({ mode: "number" }).notNull(),
    computedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    validUntil: timestamp({ withTimezone: true, mode: "date" }),
    payload: jsonb().notNull(),
  },
  (t) => [
    primaryKey({ name: "workspace_figures_pkey", columns: [t.workspaceId, t.kind, t.params] }),
    foreignKey({
      name: "workspace_figures_workspace_id_fkey",
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }).onDelete("cascade"),
  ],
);
