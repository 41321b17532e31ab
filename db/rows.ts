/** Rows of a raw `db.execute(sql…)`, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export function resultRows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}
