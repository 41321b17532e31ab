import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { alliances } from "./alliances";
import { createdAt, id, updatedAt } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const importStatus = pgEnum("import_status", ["uploaded", "queued", "running", "done", "failed"]);

/**
 * One uploaded alliance file, from upload to result: the cells as read (text), the column
 * mapping and partner decisions the user confirmed, and what the import did. Private to the
 * workspace; the latest mappings are what the next upload suggests.
 */
export const allianceImports = pgTable(
  "alliance_imports",
  {
    id: id(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    fileName: text().notNull(),
    headers: jsonb().$type<string[]>().notNull(),
    rows: jsonb().$type<string[][]>().notNull(),
    /** Field per column index (null: ignored), as last previewed or imported. */
    mapping: jsonb().$type<Array<string | null>>(),
    /** Partner decisions: a file partner key → an organisation id, or the kind of the one to create. */
    decisions: jsonb().$type<Record<string, { organisationId: string } | { create: string }>>(),
    status: importStatus().notNull().default("uploaded"),
    /** Counts once done; the error message key when it failed. */
    result: jsonb().$type<Record<string, number>>(),
    error: text(),
    startedAt: timestamp({ withTimezone: true, mode: "date" }),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("alliance_imports_workspace_idx").on(t.workspaceId, t.createdAt.desc())],
);

/**
 * The reference a workspace's own files give an alliance ("ALL-0042" in its old spreadsheet):
 * a re-import finds the alliance by it and updates it instead of creating a twin.
 */
export const allianceExternalRefs = pgTable(
  "alliance_external_refs",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    reference: text().notNull(),
    allianceId: uuid()
      .notNull()
      .references(() => alliances.id, { onDelete: "cascade" }),
    importId: uuid().references(() => allianceImports.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.reference] }),
    index("alliance_external_refs_alliance_idx").on(t.allianceId),
  ],
);

export const importRowCount = integer;

/**
 * How far a running import is, written by whichever process runs it in short transactions of
 * their own while the import's own transaction is still open (its rows are seen only once it
 * commits), so that every instance of the app shows it. No foreign key: the import's row is
 * locked by its run, and a reference would wait on that lock.
 */
export const importProgress = pgTable("import_progress", {
  importId: uuid().primaryKey(),
  workspaceId: uuid().notNull(),
  done: integer().notNull().default(0),
  total: integer().notNull().default(0),
  /** The instance running it (INSTANCE_ID of its logs). */
  instance: text().notNull(),
  updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
