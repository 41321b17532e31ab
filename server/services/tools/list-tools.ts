import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { resultRows } from "../../../db/rows";
import { ENTRY_DOORS } from "../../../domain/alliances";
import { normalizeForSearch } from "../../../domain/territory";
import {
  TOOL_PURPOSES,
  toolText,
  type ToolFeature,
  type ToolKind,
  type ToolLanguage,
  type ToolText,
} from "../../../domain/toolbox";
import type { ToolFilters } from "./schemas";

export interface ToolRow {
  id: string;
  workspace_id: string | null;
  slug: string;
  door: (typeof ENTRY_DOORS)[number];
  purpose: (typeof TOOL_PURPOSES)[number];
  kind: ToolKind;
  audiences: string[];
  stages: string[];
  languages: ToolLanguage[];
  feature: ToolFeature | null;
  url: string | null;
  content: Partial<Record<ToolLanguage, ToolText>>;
  position: number;
  version: number;
  retired_at: Date | string | null;
}

/** A tool as lists show it: its text in the reader's language (or the one it has). */
export function toolCard(row: ToolRow, locale: ToolLanguage) {
  const { text, language } = toolText(row.content, locale);
  return {
    id: row.id,
    slug: row.slug,
    door: row.door,
    purpose: row.purpose,
    kind: row.kind,
    audiences: row.audiences,
    stages: row.stages,
    languages: row.languages,
    feature: row.feature,
    url: row.url,
    position: row.position,
    private: row.workspace_id !== null,
    title: text.title,
    summary: text.summary,
    helps: text.helps,
    language,
  };
}
export type ToolCard = ReturnType<typeof toolCard>;

/** The columns a tool is read with, for the raw statements of the toolbox. */
export const TOOL_COLUMNS = sql.join(
  [
    "id",
    "workspace_id",
    "slug",
    "door",
    "purpose",
    "kind",
    "audiences",
    "stages",
    "languages",
    "feature",
    "url",
    "content",
    "position",
    "version",
    "retired_at",
  ].map((column) => sql.identifier(column)),
  sql`, `,
);

/** The filters as SQL conditions. */
export function toolConditions(filters: ToolFilters): SQL[] {
  const where: SQL[] = [sql`retired_at is null`];
  if (filters.door) where.push(sql`door = ${filters.door}`);
  if (filters.purpose) where.push(sql`purpose = ${filters.purpose}`);
  if (filters.audience) where.push(sql`(cardinality(audiences) = 0 or ${filters.audience} = any(audiences))`);
  if (filters.stage) where.push(sql`(cardinality(stages) = 0 or ${filters.stage} = any(stages))`);
  if (filters.language) where.push(sql`${filters.language} = any(languages)`);
  const q = filters.q ? normalizeForSearch(filters.q) : "";
  if (q) where.push(sql`search_text like ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return where;
}

/**
 * The tools the filters keep, in the catalogue's order (entry door, purpose, position): the
 * public catalogue, plus this workspace's private tools when one is named. Tenant: the
 * workspace condition here, and row-level security underneath (the public role sees the
 * catalogue only, a member its workspace's tools besides).
 */
export async function listTools(tx: Db, filters: ToolFilters, workspaceId: string | null, locale: ToolLanguage) {
  const where = toolConditions(filters);
  where.push(workspaceId ? sql`(workspace_id is null or workspace_id = ${workspaceId})` : sql`workspace_id is null`);
  const rows = resultRows<ToolRow>(
    await tx.execute(sql`
      select ${TOOL_COLUMNS} from tools where ${sql.join(where, sql` and `)}
      order by array_position(${`{${ENTRY_DOORS.join(",")}}`}::text[], door),
        array_position(${`{${TOOL_PURPOSES.join(",")}}`}::text[], purpose), workspace_id nulls first, position, slug
      limit 500`),
  );
  return rows.map((row) => toolCard(row, locale));
}
