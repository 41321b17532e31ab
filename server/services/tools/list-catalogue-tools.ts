import { sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import type { ToolLanguage } from "../../../domain/toolbox";
import type { ServiceContext } from "../context";
import { asOperator } from "../territories/access";
import { TOOL_COLUMNS, toolCard, type ToolRow } from "./list-tools";

/** The whole public catalogue for its editors, retired tools included, with both languages. Operators only. */
export async function listCatalogueTools(ctx: ServiceContext, locale: ToolLanguage) {
  await asOperator(ctx);
  const rows = resultRows<ToolRow>(
    await ctx.tx.execute(
      sql`select ${TOOL_COLUMNS} from tools where workspace_id is null order by door, purpose, position, slug`,
    ),
  );
  return rows.map((row) => ({
    ...toolCard(row, locale),
    version: row.version,
    retired: row.retired_at !== null,
    content: row.content,
  }));
}
