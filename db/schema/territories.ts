import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
