import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ORGANISATION_KINDS } from "../../domain/identifiers";
import { createdAt, id, updatedAt, version } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const organisationKind = pgEnum("organisation_kind", ORGANISATION_KINDS);

/**
 * The platform-wide directory: one row per real organisation, shared by every workspace
 * (identifiers are unique when present). What a workspace knows privately lives below.
 */
export const organisations = pgTable(
  "organisations",
  {
    id: id(),
    name: text().notNull(),
    /** The name normalised for accent-insensitive prefix search (domain/territory normalizeForSearch). */
    searchName: text().notNull(),
    kind: organisationKind().notNull(),
    siren: text(),
    siret: text(),
    rna: text(),
    legalCategory: text(),
    communeCode: text(),
    departementCode: text(),
    regionCode: text(),
    website: text(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("organisations_siren_idx")
      .on(t.siren)
      .where(sql`${t.siren} is not null`),
    uniqueIndex("organisations_siret_idx")
      .on(t.siret)
      .where(sql`${t.siret} is not null`),
    uniqueIndex("organisations_rna_idx")
      .on(t.rna)
      .where(sql`${t.rna} is not null`),
    index("organisations_search_name_idx").using("btree", sql`${t.searchName} text_pattern_ops`),
  ],
);

/** A workspace's private notes and tags about an organisation. */
export const workspaceOrganisations = pgTable(
  "workspace_organisations",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    notes: text(),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.organisationId] })],
);

/** People a workspace deals with at an organisation: private to that workspace. */
export const organisationContacts = pgTable(
  "organisation_contacts",
  {
    id: id(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text().notNull(),
    role: text(),
    email: text(),
    phone: text(),
    createdAt: createdAt(),
  },
  (t) => [index("organisation_contacts_workspace_idx").on(t.workspaceId, t.organisationId)],
);

export const claimStatus = pgEnum("claim_status", ["requested", "verified", "refused", "revoked"]);

/**
 * A workspace's claim to speak for its organisation: verified by a platform operator
 * after reading the requester's note, or refused; an operator can revoke a verification. At most
 * one verified workspace per organisation (partial unique index). One claim per workspace.
 */
export const organisationClaims = pgTable(
  "organisation_claims",
  {
    id: id(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    status: claimStatus().notNull().default("requested"),
    /** How it was verified: "operator" (ProConnect is to come). */
    method: text(),
    note: text(),
    requestedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    requestedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
    decidedBy: text(),
    decidedAt: timestamp({ withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("organisation_claims_workspace_idx").on(t.workspaceId),
    uniqueIndex("organisation_claims_verified_idx")
      .on(t.organisationId)
      .where(sql`${t.status} = 'verified'`),
    index("organisation_claims_status_idx").on(t.status, t.requestedAt),
  ],
);
