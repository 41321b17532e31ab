import { openDatabase, type Database, type DatabaseOptions } from "./client";

interface Reporter {
  error(details: object, message: string): void;
  fatal(details: object, message: string): void;
}

/**
 * postgres.js 3.4.9 throws an uncaught TypeError from its socket handling when a backend dies
 * inside a transaction (upstream issues #1154, #1186, #1208): a write scheduled with setImmediate
 * runs after the socket was closed and set to null. patches/postgres+3.4.9.patch (applied by
 * patch-package at install) fixes that and the stale state a closed connection carried into
 * its next session; this guard stays in case another path of the driver throws the same way.
 * Such an error is recognised by a stack frame in the driver's source. next.config.ts keeps the
 * driver out of the server bundle (serverExternalPackages), so its frames read
 * `node_modules/postgres/src/…` in the production build too, and the patched file is the one
 * that runs; the bundled form of the path (`node_modules_postgres_src_…`) is matched as well.
 * `npm run drill` proves it against the production build.
 */
export function isDriverSocketFault(error: unknown): boolean {
  return (
    error instanceof TypeError && /node_modules[\\/_]postgres[\\/_](?:cjs[\\/_])?src[\\/_]/.test(error.stack ?? "")
  );
}

/**
 * How long a replaced pool keeps serving the requests that already hold it before it is closed;
 * closing then waits RETIRE_CLOSE_S more for their statements and cuts what is left.
 */
const RETIRE_AFTER_MS = 2_000;
const RETIRE_CLOSE_S = 2;

/**
 * The process's database, replaceable: should the driver fault all the same, the pool is
 * replaced by a fresh one, since the connection it faulted on cannot be trusted. Requests that
 * started on the old pool (a page render holds its database for its whole render) finish on it:
 * it is closed RETIRE_AFTER_MS later rather than under them (closing it at once made their next
 * statements fail with CONNECTION_ENDED: the drill saw pages answer 500 after the database had
 * recovered). A plain lost connection needs no new pool: with the patch, postgres.js fails what
 * the dead session held and opens a new connection for the next statement.
 */
export class ResilientDatabase {
  private current: Promise<Database>;
  private readonly retiring = new Set<Promise<Database>>();
  private readonly options: DatabaseOptions;

  constructor(options: DatabaseOptions) {
    this.options = options;
    this.current = openDatabase(this.options);
  }

  get(): Promise<Database> {
    return this.current;
  }

  /** Opens a new pool; the old one is closed once the requests holding it are done. */
  replace(): void {
    const old = this.current;
    this.current = openDatabase(this.options);
    this.retiring.add(old);
    setTimeout(() => {
      this.retiring.delete(old);
      old.then((db) => db.close(RETIRE_CLOSE_S)).catch(() => {});
    }, RETIRE_AFTER_MS).unref();
  }

  /** Closes the pool (or PGlite, removing its lock file) and any being retired; once, at shutdown. */
  async close(): Promise<void> {
    const all = [this.current, ...this.retiring];
    this.retiring.clear();
    await Promise.allSettled(all.map(async (db) => (await db).close()));
  }

  /**
   * Keeps the process alive through driver socket faults (and replaces the pool); any other
   * uncaught exception still ends the process, as Node would have.
   */
  installCrashGuard(target: NodeJS.Process, reporter: Reporter): void {
    target.on("uncaughtException", (error) => {
      if (this.options.url && isDriverSocketFault(error)) {
        reporter.error({ err: error }, "database connection lost; opening a new pool");
        this.replace();
        return;
      }
      reporter.fatal({ err: error }, "uncaught exception");
      target.exit(1);
    });
  }
}
