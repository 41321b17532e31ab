import { asc, desc } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { alliances } from "../../../db/schema";
import { withPublicScope } from "../../../db/scope";

/** Every published alliance's id and last update, for the sitemap (bounded by the sitemap format's 50,000 entries). */
export async function publishedForSitemap(db: Db) {
  return withPublicScope(db, (tx) =>
    tx
      .select({ id: alliances.id, updatedAt: alliances.updatedAt })
      .from(alliances)
      .orderBy(desc(alliances.updatedAt), asc(alliances.id))
      .limit(50_000),
  );
}
