/** Rows of a raw `db.execute(sql…)`, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export function resultRows<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? [])) as T[];
}

/** The values of a SQL array parameter: postgres.js and PGlite both take a literal "{…}". */
export function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}
