import { openDatabase, type Database, type DatabaseOptions } from "./client";

interface Reporter {
  error(details: object, message: string): void;
  fatal(details: object, message: string): void;
}

/**
 * postgres.js 3.4.x can throw an uncaught TypeError from its socket handling when a backend
 * dies mid-transaction (a PostgreSQL restart, pg_terminate_backend), and its pool can stay
 * unusable afterwards. Such an error is recognised by its origin in the driver's source.
 */
export function isDriverSocketFault(error: unknown): boolean {
  return error instanceof TypeError && /node_modules[\\/]postgres[\\/]/.test(error.stack ?? "");
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
