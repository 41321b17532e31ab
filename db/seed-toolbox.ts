import { sql } from "drizzle-orm";
import { toolSearchText } from "../domain/toolbox";
import { STARTER_TOOLS } from "../domain/toolbox-starter";
import type { Database } from "./client";

/**
 * Adds to the public catalogue the starter tools it does not have yet (matched by slug), in one
 * statement, as an operator would. A tool an operator edited or retired is left as it is.
 */
export async function ensureStarterTools(database: Database): Promise<number> {
  const rows = STARTER_TOOLS.map((t, i) => ({
    slug: t.slug,
    door: t.door,
    purpose: t.purpose,
    kind: t.kind,
    audiences: t.audiences,
    stages: t.stages,
    languages: ["fr", "en"],
    feature: t.feature ?? null,
    content: { fr: t.fr, en: t.en },
    search_text: toolSearchText({ fr: t.fr, en: t.en }),
    position: (i + 1) * 10,
  }));
  const db = database.db;
  const result = await db.transaction(async (tx) => {
    // As an operator, the role that writes the public catalogue under row-level security.
    await tx.execute(sql`set local role maillage_operator`);
    return tx.execute(sql`
    insert into tools (slug, door, purpose, kind, audiences, stages, languages, feature, content, search_text, position)
    select v.slug, v.door, v.purpose, v.kind, v.audiences, v.stages, v.languages, v.feature, v.content, v.search_text, v.position
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(slug text, door text, purpose text, kind text,
      audiences text[], stages text[], languages text[], feature text, content jsonb, search_text text, position int)
    on conflict on constraint tools_workspace_slug_key do nothing
    returning id`);
  });
  return Array.isArray(result) ? result.length : ((result as { rows?: unknown[] }).rows?.length ?? 0);
}
