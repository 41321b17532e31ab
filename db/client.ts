import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { lowLevelSettings } from "../env";
import * as schema from "./schema";
import { tracedPglite, tracedPostgres, tracingStarted } from "./traced";
import { preparedPostgres } from "./prepared";

export type Schema = typeof schema;
/** A drizzle handle on either driver, or a transaction opened on it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export interface Database {
  db: Db;
  kind: "postgres" | "pglite";
  /** Closes the pool; statements still running after `timeoutS` (postgres.js only, default 5) are cut. */
  close(timeoutS?: number): Promise<void>;
  /**
   * PGlite only: writes a consistent copy of the data directory (a gzipped tar) to `file`, taken
   * between transactions; returns its size in bytes. PostgreSQL is backed up with pg_dump.
   */
  backup?(file: string): Promise<number>;
}

export interface DatabaseOptions {
  /** postgres:// URL of a server; when absent an embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory, or "memory://" for a throwaway in-memory database. */
  dataDir?: string;
  poolMax?: number;
  /**
   * Statement timeout of the pool's sessions in ms (PostgreSQL server only); a long job lifts it in
   * its own transaction. Default: none (scripts); the app sets DB_STATEMENT_TIMEOUT_MS.
   */
  statementTimeoutMs?: number;
  /**
   * "transaction": the URL is a PgBouncer in transaction mode, which hands each transaction to
   * any server connection. Statements are then sent unnamed (a named prepared statement would
   * be looked for on another connection), and the session settings below are left to the
   * database role (`ALTER ROLE … SET statement_timeout`), since the pooler refuses them at
   * connection. Everything the app scopes is transaction-scoped (`set local role`,
   * `set_config(…, true)`, `pg_advisory_xact_lock`), so it holds through the pooler.
   * Default: the DATABASE_POOLER environment variable.
   */
  pooler?: "none" | "transaction";
  /** The connections' application_name (the app names them after its instance, for its metrics). */
  applicationName?: string;
  /** Sees every statement drizzle sends, with its parameters (the benchmark replays them). */
  logger?: { logQuery(query: string, params: unknown[]): void };
}

/**
 * Codes of a connection (not a query) that failed: postgres.js's own, the socket's, and
 * PostgreSQL's "admin shutdown", "crash shutdown", "cannot connect now" and class 08.
 */
const CONNECTION_LOSS = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
]);

/**
 * Whether an error means the database could not be reached or the connection died (the server
 * went away, restarted, or killed the backend), rather than a refused query. Looks through
 * drizzle's wrapper (`cause`).
 */
export function isConnectionLoss(error: unknown): boolean {
  for (
    let e = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_LOSS.has(code) || code.startsWith("08"))) return true;
  }
  return false;
}

/**
 * Seconds postgres.js waits before reconnecting after `retries` failed attempts. Its default grows
 * to 20 s, so requests queued while PostgreSQL restarted waited up to 13 s after it was back;
 * this one stays under half a second.
 */
export function reconnectDelay(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 0.5);
}

/** Opens the configured database: PostgreSQL through postgres.js, or PGlite on disk. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const pooled = (options.pooler ?? lowLevelSettings().DATABASE_POOLER) === "transaction";
    const client = postgres(options.url, {
      max: options.poolMax ?? 10,
      prepare: !pooled,
      // A server that does not answer within 3 s fails the request (503) rather than hang it.
      connect_timeout: 3,
      idle_timeout: 30,
      max_lifetime: 60 * 30,
      backoff: reconnectDelay,
      connection: pooled
        ? { ...(options.applicationName ? { application_name: options.applicationName } : {}) }
        : {
            ...(options.applicationName ? { application_name: options.applicationName } : {}),
            statement_timeout: options.statementTimeoutMs ?? 0,
            // A transaction left open by a stalled request gives its locks back after a minute.
            idle_in_transaction_session_timeout: 60_000,
            // Statements are kept prepared (db/prepared.ts), but planned for their values each
            // time: a generic plan made the alliance search cost twice the database CPU.
            plan_cache_mode: "force_custom_plan",
          },
      onnotice: () => {},
    });
    // drizzle's statements prepared on their connection, unless a pooler may change it (db/prepared.ts).
    // Traced only while tracing is on in this process (server/tracing.ts).
    const prepared = pooled ? client : preparedPostgres(client);
    const traced = tracingStarted() ? tracedPostgres(prepared) : prepared;
    const db = drizzle({ client: traced, schema, casing: "snake_case", logger: options.logger }) as unknown as Db;
    return { db, kind: "postgres", close: (timeoutS = 5) => client.end({ timeout: timeoutS }) };
  }

  const dataDir = options.dataDir ?? ".data/pglite";
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const release = dataDir.startsWith("memory://") ? () => {} : lockDataDir(dataDir);
  try {
    const client = await PGlite.create(dataDir.startsWith("memory://") ? undefined : dataDir);
    const traced = tracingStarted() ? tracedPglite(client) : client;
    const db = drizzle({ client: traced, schema, casing: "snake_case", logger: options.logger }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        release();
      },
      // Inside a transaction of its own, so that no transaction of the app is open while the files
      // are copied (PGlite runs one at a time); written aside, then renamed, so a file at `file`
      // is always whole.
      backup: async (file) => {
        const archive = await client.transaction(() => client.dumpDataDir("gzip"));
        const bytes = new Uint8Array(await archive.arrayBuffer());
        writeFileSync(`${file}.partial`, bytes);
        renameSync(`${file}.partial`, file);
        return bytes.length;
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * PGlite has no lock of its own: two processes on one directory lose writes. A lock file
 * holding the owner's pid makes a second process refuse instead; a stale lock is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const dir = path.resolve(dataDir);
  mkdirSync(path.dirname(dir), { recursive: true });
  const lockFile = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      // Removed only while it still names this process: the server takes the lock at startup
      // and the database takes it over, and whichever lets go first must not free it for others.
      return () => {
        try {
          if (Number(readFileSync(lockFile, "utf8")) === process.pid) rmSync(lockFile, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(lockFile, "utf8"));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(
          `The embedded database ${dataDir} is in use by process ${pid}. Stop that process (the app, a seed or a migration) first.`,
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

/** The live process holding the embedded database's lock file, or null when none does. */
export function dataDirOwner(dataDir: string): number | null {
  try {
    const pid = Number(readFileSync(`${path.resolve(dataDir)}.lock`, "utf8"));
    return pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
