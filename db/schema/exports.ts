import { customType, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const exportKind = pgEnum("export_kind", ["alliances", "ledger", "organisations"]);
export const exportStatus = pgEnum("export_status", ["queued", "running", "done", "failed"]);

/**
 * A file someone asked to export (the alliance list with its filters, the contribution ledger,
 * the organisation directory), built by a job on whichever process runs jobs and kept here for a
 * day, so any instance serves it and a restart of the process that built it loses nothing. Only
 * the person who asked sees it: it holds what they may read.
 */
export const exportJobs = pgTable(
  "export_jobs",
  {
    id: id(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    requestedBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: exportKind().notNull(),
    format: text().$type<"csv" | "xlsx">().notNull(),
    /** The list's filters when it was asked (alliances and ledger). */
    filters: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    locale: text().notNull(),
    status: exportStatus().notNull().default("queued"),
    /** The message key of a failure. */
    error: text(),
    fileName: text(),
    content: bytea(),
    byteSize: integer(),
    rowCount: integer(),
    /** The instance that built it (INSTANCE_ID of its logs). */
    instance: text(),
    createdAt: createdAt(),
    startedAt: timestamp({ withTimezone: true, mode: "date" }),
    finishedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [index("export_jobs_requester_idx").on(t.workspaceId, t.requestedBy, t.createdAt.desc())],
);
