import { openDatabase, type Database, type DatabaseOptions } from "./client";

interface Reporter {
  error(details: object, message: string): void;
  fatal(details: object, message: string): void;
}

/**
 * postgres.js 3.4.x can throw an uncaught TypeError from its socket handling when a backend
 * dies mid-transaction (a PostgreSQL restart, pg_terminate_backend): a write scheduled with
 * setImmediate runs after the socket was closed and set to null (upstream issues #1154, #1208).
 * Such an error is recognised by a stack frame in the driver's source. next.config.ts keeps the
 * driver out of the server bundle (serverExternalPackages), so its frames read
 * `node_modules/postgres/src/…` in the production build too; the bundled form of the same path
 * (`node_modules_postgres_src_…`, which a build that bundled it again would show) is matched as
 * well. `npm run drill` proves it against `next build && next start`.
 */
export function isDriverSocketFault(error: unknown): boolean {
  return error instanceof TypeError && /node_modules[\\/_]postgres[\\/_]src[\\/_]/.test(error.stack ?? "");
}

/**
 * The process's database, replaceable: when a transaction loses its connection, or the driver
 * faults, the pool is dropped and a fresh one opened, so later requests are served again
 * (postgres.js can otherwise keep handing out a pool that never answers).
 */
export class ResilientDatabase {
  private current: Promise<Database>;
  private replacing = false;
  private readonly options: DatabaseOptions;

  constructor(options: DatabaseOptions) {
    this.options = { ...options, onConnectionLost: () => this.replace() };
    this.current = openDatabase(this.options);
  }

  get(): Promise<Database> {
    return this.current;
  }

  /** Opens a new pool and closes the old one in the background. */
  replace(): void {
    if (this.replacing) return;
    this.replacing = true;
    const old = this.current;
    this.current = openDatabase(this.options);
    this.current.finally(() => (this.replacing = false));
    old.then((db) => db.close()).catch(() => {});
  }

  /** Closes the current pool (or PGlite, removing its lock file); used once, at shutdown. */
  async close(): Promise<void> {
    await (await this.current).close();
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
