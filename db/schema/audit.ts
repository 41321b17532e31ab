import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

/** Append-only record of every change made in a workspace: who, what, when, before and after. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: id(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    requestId: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_events_workspace_created_idx").on(t.workspaceId, t.createdAt.desc(), t.id),
    index("audit_events_entity_idx").on(t.workspaceId, t.entityType, t.entityId, t.createdAt),
  ],
);
