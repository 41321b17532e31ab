import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { CONTRIBUTION_KINDS, LIFECYCLE_STAGES, MODES } from "../../domain/alliances";
import { TERRITORY_LEVELS } from "../../domain/territory";
import { createdAt, id, updatedAt, version } from "./columns";
import { organisations } from "./organisations";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const lifecycleStage = pgEnum("lifecycle_stage", LIFECYCLE_STAGES);
export const allianceMode = pgEnum("alliance_mode", MODES);
export const territoryLevel = pgEnum("territory_level", TERRITORY_LEVELS);
export const partyStatus = pgEnum("party_status", ["invited", "accepted", "declined", "left", "withdrawn"]);
export const contributionKind = pgEnum(
  "contribution_kind",
  CONTRIBUTION_KINDS.map((k) => k.key) as [string, ...string[]],
);
export const timelineKind = pgEnum("timeline_kind", ["note", "meeting", "milestone", "document"]);
/** Who may see an alliance beyond its parties; wider audiences hold only with every party's consent. */
export const allianceAudience = pgEnum("alliance_audience", ["parties", "territory", "public"]);

/** The alliance a detail row belongs to; it goes when the alliance goes. */
const allianceRef = () =>
  uuid()
    .notNull()
    .references((): AnyPgColumn => alliances.id, { onDelete: "cascade" });
/** The workspace a private row belongs to; it goes when the workspace goes. */
const workspaceRef = () =>
  uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The shared core of an alliance. No workspace column: a workspace reaches an alliance through
 * its accepted party row (row-level security reads app_alliance_ids()).
 */
export const alliances = pgTable(
  "alliances",
  {
    id: id(),
    title: text().notNull(),
    summary: text(),
    stage: lifecycleStage().notNull().default("preparation_partenariat"),
    startsOn: date({ mode: "string" }),
    endsOn: date({ mode: "string" }),
    territoryScope: territoryLevel().notNull().default("national"),
    entryDoors: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Title, summary and partner names, normalised (no accents, lower case), kept by the services. */
    searchText: text().notNull().default(""),
    searchVector: tsvector().generatedAlwaysAs(sql`to_tsvector('french', search_text)`),
    /**
     * The id again, kept by PostgreSQL, for the row-level-security policy alone (migration 0060):
     * the policy's array of the workspace's alliances is tested against this column and its own
     * index, so that a read by id uses the primary key and meets the array only as a filter.
     */
    policyKey: uuid().generatedAlwaysAs(sql`id`),
    archivedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** "Résultats clés": what the alliance achieved, in words; shown in the public library once published. */
    keyResults: text(),
    /** The audience the parties were asked to agree to; it holds only while every accepted party consents. */
    requestedAudience: allianceAudience().notNull().default("parties"),
    /** Bumped by every edit of the public fields and by every new request: public approvals name it. */
    publicRevision: integer().notNull().default(1),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** The questioning-process wording of the workspace that created it, kept from its creation. */
    guideWording: jsonb().$type<Record<string, string>>(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("alliances_search_idx").using("gin", t.searchVector),
    index("alliances_updated_idx").on(t.updatedAt.desc(), t.id),
    uniqueIndex("alliances_policy_key_idx").on(t.policyKey),
    index("alliances_audience_idx")
      .on(t.requestedAudience)
      .where(sql`${t.requestedAudience} <> 'parties'`),
  ],
);

export const allianceParties = pgTable(
  "alliance_parties",
  {
    id: id(),
    allianceId: allianceRef(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    /** The party's own workspace on Maillage, when it has one there. */
    workspaceId: uuid().references(() => workspaces.id, { onDelete: "set null" }),
    role: text().notNull(),
    status: partyStatus().notNull().default("accepted"),
    /** The co-owning workspace that invited this party's workspace, and when; when it answered. */
    invitedByWorkspaceId: uuid().references(() => workspaces.id, { onDelete: "set null" }),
    invitedAt: timestamp({ withTimezone: true, mode: "date" }),
    respondedAt: timestamp({ withTimezone: true, mode: "date" }),
    /** An invitation can no longer be accepted after this moment. */
    invitationExpiresAt: timestamp({ withTimezone: true, mode: "date" }),
    /** Invitation by email, for a partner without a workspace yet: the address and the token's SHA-256. */
    invitedEmail: text(),
    invitationTokenHash: text(),
    /** This party's consent to a wider audience; a public approval holds for one revision only. */
    audienceConsent: allianceAudience(),
    consentRevision: integer(),
    consentAt: timestamp({ withTimezone: true, mode: "date" }),
    /**
     * A partner named without being a co-owner, whose organisation has a verified workspace:
     * that workspace's answer to appearing in the library (granted or refused; null: not asked
     * yet, so not named). Migration 0048.
     */
    mentionConsent: text(),
    mentionAnsweredAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("alliance_parties_organisation_idx").on(t.allianceId, t.organisationId),
    uniqueIndex("alliance_parties_workspace_idx")
      .on(t.allianceId, t.workspaceId)
      .where(sql`${t.workspaceId} is not null`),
    index("alliance_parties_ws_idx").on(t.workspaceId, t.status, t.allianceId),
    index("alliance_parties_org_idx").on(t.organisationId),
    // A workspace's pending invitations (the list page's inbox, "Mes actions"). The helper role's
    // policy on this table is an OR (the invitation's token, or the workspace), under which
    // PostgreSQL could not use `status` of the index above and read all 5,000 of a large
    // workspace's party rows to find none invited (migration 0061).
    index("alliance_parties_invited_idx")
      .on(t.workspaceId)
      .where(sql`${t.status} = 'invited'`),
    uniqueIndex("alliance_parties_token_idx")
      .on(t.invitationTokenHash)
      .where(sql`${t.invitationTokenHash} is not null`),
  ],
);

/**
 * The list's text search, one row per workspace and alliance it is an accepted party to: the
 * alliance's words prefixed with a code of the workspace, under a text index, and everything a row
 * of the list shows, kept by triggers on `alliances`, `alliance_parties`, the child tables the
 * figures come from and `organisations` (migrations 0065 and 0066). A search finds its
 * workspace's matches through that index (app_search_matches) instead of reaching 5,000 alliances
 * one by one through the row-level-security array. Read-only to the app; its policy is the
 * workspace column.
 */
export const workspaceAllianceSearch = pgTable(
  "workspace_alliance_search",
  {
    workspaceId: workspaceRef(),
    allianceId: allianceRef(),
    title: text().notNull(),
    stage: lifecycleStage().notNull(),
    startsOn: date({ mode: "string" }),
    endsOn: date({ mode: "string" }),
    tags: text().array().notNull(),
    updatedAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    archivedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    /**
     * The alliance's search vector's words, each prefixed with a code of the workspace
     * (app_scoped_vector, migration 0066): the text index on it finds one workspace's matches
     * without walking its other entries.
     */
    scopedVector: tsvector()
      .notNull()
      .default(sql`''::tsvector`),
    // What a row of the list shows beyond the alliance's own columns (migration 0066), as the
    // general list reads them from the child tables: the current mode, guide answers of the
    // current stage, the other parties' names, the evaluation cycles and the SDG goals.
    currentMode: allianceMode(),
    guideAnswered: integer().notNull().default(0),
    partnerNames: text().array(),
    lastClosedAt: timestamp({ withTimezone: true, mode: "date" }),
    cycleRunning: boolean().notNull().default(false),
    goalList: smallint().array(),
    primaryGoal: smallint(),
  },
  (t) => [
    primaryKey({ name: "workspace_alliance_search_pkey", columns: [t.workspaceId, t.allianceId] }),
    index("workspace_alliance_search_alliance_idx").on(t.allianceId),
    index("workspace_alliance_search_scoped_idx").using("gin", t.scopedVector),
  ],
);

/** The mode of relationship over a period; the trajectory is the list, the current mode the latest. */
export const allianceModePeriods = pgTable(
  "alliance_mode_periods",
  {
    id: id(),
    allianceId: allianceRef(),
    mode: allianceMode().notNull(),
    mecenatForms: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }),
  },
  (t) => [index("alliance_mode_periods_alliance_idx").on(t.allianceId, t.startsOn)],
);

export const allianceSdgTargets = pgTable(
  "alliance_sdg_targets",
  {
    allianceId: allianceRef(),
    target: text().notNull(),
    goal: smallint().notNull(),
    isPrimary: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.allianceId, t.target] }),
    index("alliance_sdg_targets_goal_idx").on(t.goal, t.allianceId),
    index("alliance_sdg_targets_target_idx").on(t.target, t.allianceId),
  ],
);

/** Where the alliance acts. Département and région are derived so territorial filters use an index. */
export const allianceTerritories = pgTable(
  "alliance_territories",
  {
    allianceId: allianceRef(),
    level: territoryLevel().notNull(),
    code: text().notNull(),
    departementCode: text(),
    regionCode: text(),
  },
  (t) => [
    primaryKey({ columns: [t.allianceId, t.level, t.code] }),
    index("alliance_territories_region_idx").on(t.regionCode, t.allianceId),
    index("alliance_territories_departement_idx").on(t.departementCode, t.allianceId),
  ],
);

export const allianceEngagements = pgTable(
  "alliance_engagements",
  {
    allianceId: allianceRef(),
    scheme: text().notNull(),
    employees: integer(),
    hours: numeric({ precision: 12, scale: 2, mode: "number" }),
  },
  (t) => [primaryKey({ columns: [t.allianceId, t.scheme] })],
);

/** The contribution ledger ("valorisation des participations"). Values in euro cents. */
export const allianceContributions = pgTable(
  "alliance_contributions",
  {
    id: id(),
    allianceId: allianceRef(),
    partyId: uuid()
      .notNull()
      .references(() => allianceParties.id, { onDelete: "cascade" }),
    kind: contributionKind().notNull(),
    quantity: numeric({ precision: 14, scale: 2, mode: "number" }).notNull(),
    unit: text().notNull(),
    valueCents: bigint({ mode: "number" }),
    hourlyRateCents: integer(),
    occurredOn: date({ mode: "string" }).notNull(),
    note: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    index("alliance_contributions_alliance_idx").on(t.allianceId, t.occurredOn),
    // Deleting a party (and so an alliance) finds its contributions by this key.
    index("alliance_contributions_party_idx").on(t.partyId),
  ],
);

export const allianceTimeline = pgTable(
  "alliance_timeline",
  {
    id: id(),
    allianceId: allianceRef(),
    kind: timelineKind().notNull(),
    title: text().notNull(),
    body: text(),
    url: text(),
    occurredOn: date({ mode: "string" }).notNull(),
    authorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("alliance_timeline_alliance_idx").on(t.allianceId, t.occurredOn)],
);

/** A named alliance-list view (its filters as a query string), private to the user who saved it. */
export const savedViews = pgTable(
  "saved_views",
  {
    id: id(),
    workspaceId: workspaceRef(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    query: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("saved_views_name_idx").on(t.workspaceId, t.userId, t.name)],
);

/** A workspace's private layer on an alliance: never visible to the other parties. */
export const alliancePrivateNotes = pgTable(
  "alliance_private_notes",
  {
    allianceId: allianceRef(),
    workspaceId: workspaceRef(),
    notes: text(),
    internalOwner: text(),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    version: version(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.allianceId, t.workspaceId] }),
    index("alliance_private_notes_workspace_idx").on(t.workspaceId),
  ],
);

export const privateEntryKind = pgEnum("private_entry_kind", ["timeline", "budget"]);

/** Private timeline entries and internal budget lines of one workspace on an alliance. */
export const alliancePrivateEntries = pgTable(
  "alliance_private_entries",
  {
    id: id(),
    allianceId: allianceRef(),
    workspaceId: workspaceRef(),
    kind: privateEntryKind().notNull(),
    title: text().notNull(),
    amountCents: bigint({ mode: "number" }),
    occurredOn: date({ mode: "string" }).notNull(),
    authorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("alliance_private_entries_idx").on(t.workspaceId, t.allianceId, t.occurredOn),
    index("alliance_private_entries_alliance_idx").on(t.allianceId),
  ],
);

/** The share of an alliance's SDG target that one co-owning workspace claims for its own reporting. */
export const allianceSdgClaims = pgTable(
  "alliance_sdg_claims",
  {
    allianceId: allianceRef(),
    workspaceId: workspaceRef(),
    target: text().notNull(),
    sharePercent: smallint().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.allianceId, t.workspaceId, t.target] }),
    index("alliance_sdg_claims_workspace_idx").on(t.workspaceId, t.target),
  ],
);

/** The shared history of an alliance: which organisation and which person changed what. Seen by every party. */
export const allianceChanges = pgTable(
  "alliance_changes",
  {
    id: id(),
    allianceId: allianceRef(),
    workspaceId: uuid().references(() => workspaces.id, { onDelete: "set null" }),
    organisationName: text().notNull(),
    actorName: text().notNull(),
    action: text().notNull(),
    detail: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [index("alliance_changes_alliance_idx").on(t.allianceId, t.createdAt.desc())],
);

export const notificationAudience = pgEnum("notification_audience", ["admins", "members"]);

/**
 * One event addressed to a workspace (its admins or all its members): an invitation to co-own, a
 * change to the shared core, an audience request. emailedAt is set once the email went out.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    workspaceId: workspaceRef(),
    allianceId: uuid().references((): AnyPgColumn => alliances.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    audience: notificationAudience().notNull().default("members"),
    payload: jsonb().$type<{ title: string; organisation: string; actor: string; detail?: string }>().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    emailedAt: timestamp({ withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_workspace_idx").on(t.workspaceId, t.createdAt.desc()),
    index("notifications_unsent_idx")
      .on(t.createdAt)
      .where(sql`${t.emailedAt} is null`),
    index("notifications_alliance_idx").on(t.allianceId),
  ],
);

/** Up to when a person has read their workspace's notifications. */
export const notificationReads = pgTable(
  "notification_reads",
  {
    workspaceId: workspaceRef(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    readThrough: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

/**
 * The questioning process's answers: shared by every party of the alliance, each signed by its
 * organisation and author. A new answer to a question is a new row; the latest one counts and
 * the earlier ones are its history.
 */
export const allianceGuideAnswers = pgTable(
  "alliance_guide_answers",
  {
    id: id(),
    allianceId: allianceRef(),
    stage: text().notNull(),
    questionKey: text().notNull(),
    answer: text().notNull(),
    workspaceId: uuid().references(() => workspaces.id, { onDelete: "set null" }),
    organisationName: text().notNull(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    actorName: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("alliance_guide_answers_question_idx").on(t.allianceId, t.stage, t.questionKey, t.createdAt.desc())],
);
