import { index, integer, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { pgTable } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/** People who can sign in. Shape imposed by the Auth.js drizzle adapter, plus our own columns. */
export const users = pgTable("users", {
  id: uuid().primaryKey().defaultRandom(),
  name: text(),
  email: text().notNull().unique(),
  emailVerified: timestamp({ withTimezone: true, mode: "date" }),
  image: text(),
  createdAt: createdAt(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text().primaryKey(),
  userId: uuid()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  /** The OpenID provider this session was opened with (proconnect, oidc), null for an email link. */
  identityProvider: text(),
  /** That provider's ID token, sent back as id_token_hint when the user signs out. */
  idToken: text(),
});

/**
 * What an OpenID provider said about a user when they signed in with it: for ProConnect, the
 * SIRET of the establishment they act for and the assurance level (acr). Verification of a
 * workspace's organisation rests on these rows (migration 0046).
 */
export const identityAssertions = pgTable(
  "identity_assertions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text().notNull(),
    subject: text().notNull(),
    email: text(),
    siret: text(),
    acr: text(),
    assertedAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index().on(t.userId, t.provider, t.assertedAt)],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** Fixed-window counters for abuse limits (sign-in emails per address and per IP). */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true, mode: "date" }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/**
 * Answers of writes sent with an Idempotency-Key, per user: the same key and the same request
 * within 24 hours get the stored answer back instead of writing again. The row is written in the
 * write's own transaction, so it exists exactly when the write committed (migration 0042).
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    /** SHA-256 of the procedure's path and its input: a key reused for another request is refused. */
    requestHash: text().notNull(),
    /** The procedure's answer in the wire format, as JSON text (jsonb refuses the format's U+0000 marks). */
    response: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
