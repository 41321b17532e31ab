import { sql, type SQL } from "drizzle-orm";

/**
 * An instant as milliseconds since 1970 (null stays null), for statements whose rows are read
 * without drizzle's mapping: postgres.js and PGlite both give it as a number, where they give a
 * timestamp in different forms. `new Date(ms)` makes the instant again, to the millisecond.
 */
export const epochMilliseconds = (instant: SQL) =>
  sql<number | null>`floor(extract(epoch from ${instant}) * 1000)::float8`;

/** Rows of a raw `db.execute(sql…)`, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export function resultRows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

/** The values of a SQL array parameter: postgres.js and PGlite both take a literal "{…}". */
export function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}
