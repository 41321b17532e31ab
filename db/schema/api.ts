import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const apiTokenScope = pgEnum("api_token_scope", ["read", "read_write"]);

/**
 * A workspace's API tokens. Only the SHA-256 of a token is kept (the token is shown once); the
 * prefix lets people tell their tokens apart. A token acts for the workspace with the rights of
 * the admin who created it, narrowed to reading for a read token, and stops at its expiry, at
 * revocation, or when its creator is no longer an admin there.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    prefix: text().notNull(),
    tokenHash: text().notNull(),
    scope: apiTokenScope().notNull(),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lastUsedAt: timestamp({ withTimezone: true, mode: "date" }),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_idx").on(t.tokenHash),
    index("api_tokens_workspace_idx").on(t.workspaceId, t.createdAt.desc()),
  ],
);
