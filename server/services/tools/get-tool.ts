import { sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { resultRows } from "../../../db/rows";
import { bodyBlocks, toolText, type ToolLanguage } from "../../../domain/toolbox";
import { TOOL_COLUMNS, toolCard, type ToolRow } from "./list-tools";

/**
 * One tool by its slug, with its full text: this workspace's own tool of that name first, else
 * the public catalogue's; null when there is none (or it is retired). Tenant: the workspace
 * condition here and row-level security underneath.
 */
export async function getTool(tx: Db, slug: string, workspaceId: string | null, locale: ToolLanguage) {
  const rows = resultRows<ToolRow>(
    await tx.execute(sql`
      select ${TOOL_COLUMNS} from tools
      where slug = ${slug} and retired_at is null
        and ${workspaceId ? sql`(workspace_id is null or workspace_id = ${workspaceId})` : sql`workspace_id is null`}
      order by workspace_id nulls last limit 1`),
  );
  const row = rows[0];
  if (!row) return null;
  const { text } = toolText(row.content, locale);
  return { ...toolCard(row, locale), version: row.version, blocks: bodyBlocks(text.body), content: row.content };
}
export type ToolDetail = NonNullable<Awaited<ReturnType<typeof getTool>>>;
