/**
 * Named prepared statements for drizzle's queries on a direct PostgreSQL connection.
 *
 * postgres.js prepares statements by default (`prepare: true`, which db/client.ts sets unless a
 * pooler sits in between), but drizzle passes `prepare: false` with every query that was not
 * built with `.prepare(name)`, which is all of ours. Each statement with parameters then cost two
 * round trips: Parse and Describe, a wait, then Bind and Execute; and PostgreSQL parsed it from
 * scratch every time. Prepared, a statement already seen on the connection is one Bind and
 * Execute, and PostgreSQL keeps its parsed and rewritten form. It still plans it for its values
 * each time (`plan_cache_mode = force_custom_plan`, set by db/client.ts): with generic plans the
 * alliance search cost twice the database CPU (BENCHMARKS.md, "Prepared statements").
 *
 * Only statements of ordinary size are kept: each distinct text stays prepared on its connection
 * until the connection closes (idle for 30 s, or after 30 min), and a bulk insert's text changes
 * with its row count. Statements with no parameters go through the simple protocol as before.
 */

import { wrappingTransactions } from "./traced";

/** Above either bound a statement is sent unnamed, as drizzle asked. */
export const PREPARED_MAX_PARAMETERS = 100;
export const PREPARED_MAX_TEXT = 8_000;

/** Whether to keep this statement prepared on its connection. */
export function keepPrepared(text: string, parameters: unknown): boolean {
  return (
    Array.isArray(parameters) &&
    parameters.length > 0 &&
    parameters.length <= PREPARED_MAX_PARAMETERS &&
    text.length <= PREPARED_MAX_TEXT
  );
}

/** The postgres.js client, with drizzle's `unsafe` calls prepared (see above), transactions' included. */
export function preparedPostgres<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (property === "unsafe")
        return (text: string, parameters?: unknown[], options?: Record<string, unknown>) =>
          (value as (...a: unknown[]) => unknown).call(
            target,
            text,
            parameters,
            keepPrepared(text, parameters) ? { ...options, prepare: true } : options,
          );
      if (property === "begin" || property === "savepoint")
        return wrappingTransactions(value, target, preparedPostgres);
      return value;
    },
  });
}
