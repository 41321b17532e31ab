import type { Db } from "../../../db/client";
import { OBSERVATORY_TABLES, type ObservatoryTable } from "../../../domain/observatory";
import { AppError } from "../../errors";
import { placeName } from "./get-observatory";
import { readFigures } from "./read-figures";
import type { ObservatoryTableInput } from "./schemas";

/**
 * One table of one scope as the open data publishes it: only the table's own columns, place
 * names beside région and département codes, and the date of the figures. A table the scope does
 * not have (départements of a goal, for instance) is refused.
 */
export async function getObservatoryTable(db: Db, input: ObservatoryTableInput) {
  const table = input.table as ObservatoryTable;
  const spec = OBSERVATORY_TABLES[table];
  if (!(spec.scopes as readonly string[]).includes(input.scope))
    throw new AppError("BAD_REQUEST", "errors.observatory.tableScope", { table, scope: input.scope });
  const { refreshedAt, sections } = await readFigures(db, input.scope, input.code, [table]);
  const placed = table === "region" || table === "departement";
  const columns = ["key", ...(placed ? ["name"] : []), ...spec.columns] as string[];
  const rows = (sections.get(table) ?? []).map((row) => {
    const out: Record<string, string | number | null> = { key: row.key };
    if (placed) out.name = placeName(table, row.key);
    for (const column of spec.columns) out[column] = row[column];
    return out;
  });
  return { table, scope: input.scope, code: input.code, refreshedAt, columns, rows };
}
