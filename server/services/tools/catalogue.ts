import type { Db } from "../../../db/client";
import { withPublicScope } from "../../../db/scope";
import type { ToolLanguage } from "../../../domain/toolbox";
import { getTool } from "./get-tool";
import { listTools } from "./list-tools";
import type { ToolFilters } from "./schemas";

/** The public catalogue, as anyone reads it (the public role: retired and private tools are out of reach). */
export async function publicTools(db: Db, filters: ToolFilters, locale: ToolLanguage) {
  return withPublicScope(db, (tx) => listTools(tx, filters, null, locale));
}

/** One public tool by slug, as anyone reads it; null when there is none. */
export async function publicTool(db: Db, slug: string, locale: ToolLanguage) {
  return withPublicScope(db, (tx) => getTool(tx, slug, null, locale));
}
