import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { ToolText } from "../../domain/toolbox";
import { createdAt, id, updatedAt, version } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

/** A tool's text, by language (at least one). */
export type ToolContent = Partial<Record<"fr" | "en", ToolText>>;

/**
 * The toolbox: the public catalogue (no workspace; operators edit it) and each workspace's own
 * private tools, visible to its members only. A retired tool stays for the record, unlisted.
 */
export const tools = pgTable(
  "tools",
  {
    id: id(),
    workspaceId: uuid().references(() => workspaces.id, { onDelete: "cascade" }),
    slug: text().notNull(),
    door: text().notNull(),
    purpose: text().notNull(),
    kind: text().notNull(),
    audiences: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    stages: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The languages its content is written in. */
    languages: text().array().notNull(),
    /** The Maillage feature the tool opens, if it is one. */
    feature: text(),
    /** An outside resource the tool points to. */
    url: text(),
    content: jsonb().$type<ToolContent>().notNull(),
    /** Titles and summaries, normalised for search. */
    searchText: text().notNull().default(""),
    position: integer().notNull().default(0),
    retiredAt: timestamp({ withTimezone: true, mode: "date" }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("tools_workspace_slug_key").on(t.workspaceId, t.slug).nullsNotDistinct(),
    index("tools_catalogue_idx").on(t.door, t.purpose, t.position),
  ],
);

/** The trail of the public catalogue's edits: which operator changed which tool, before and after. */
export const toolChanges = pgTable(
  "tool_changes",
  {
    id: id(),
    toolId: uuid()
      .notNull()
      .references(() => tools.id, { onDelete: "cascade" }),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    actorEmail: text().notNull(),
    action: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [index("tool_changes_tool_idx").on(t.toolId, t.createdAt)],
);
