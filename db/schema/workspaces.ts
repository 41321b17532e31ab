import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { WORKSPACE_KINDS } from "../../domain/workspaces";
import { ROLES } from "../../domain/roles";
import { createdAt, id, updatedAt, version } from "./columns";
import { users } from "./users";

export const workspaceKind = pgEnum("workspace_kind", WORKSPACE_KINDS);
export const memberRole = pgEnum("member_role", ROLES);

/** A tenant: the organisation's space. Its id is the tenant key of every workspace-scoped table. */
export const workspaces = pgTable(
  "workspaces",
  {
    id: id(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    kind: workspaceKind().notNull(),
    siren: text(),
    rna: text(),
    /** The workspace's own organisation in the shared directory. */
    organisationId: uuid(),
    /** Euro cents per hour used to value skills and volunteer hours in the contribution ledger. */
    hourlyRateCents: integer(),
    /** Partner roles and employee-engagement schemes this workspace added to the default lists. */
    customPartnerRoles: jsonb().$type<Array<{ key: string; label: string }>>().notNull().default([]),
    customEngagementSchemes: jsonb().$type<Array<{ key: string; label: string }>>().notNull().default([]),
    /** Whether this workspace's alliances enter anonymised territorial statistics (on unless it opts out). */
    territorialStatistics: boolean().notNull().default(true),
    /** The evaluation questionnaire this workspace uses for the cycles it opens; null means the default one. */
    evaluationQuestions: jsonb().$type<Array<{ key: string; dimension: string; label: string | null }>>(),
    /** This workspace's own wording of questioning-process questions ("stage.key" → text), for the alliances it creates. */
    guideWording: jsonb().$type<Record<string, string>>(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // app_workspace_of_organisation() looks a workspace up by its organisation for every party the
  // alliance page shows; without it each lookup read all 20,000 workspaces (BENCHMARKS.md).
  (t) => [index("workspaces_organisation_idx").on(t.organisationId, t.createdAt)],
);

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: memberRole().notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: memberRole().notNull(),
    tokenHash: text().notNull(),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp({ withTimezone: true, mode: "date" }),
    acceptedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("invitations_workspace_idx").on(t.workspaceId, t.createdAt),
    uniqueIndex("invitations_token_hash_idx").on(t.tokenHash),
    uniqueIndex("invitations_pending_email_idx")
      .on(t.workspaceId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
);
