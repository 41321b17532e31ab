import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { alliances } from "../../../db/schema";
import { withPublicScope } from "../../../db/scope";
import { details, CARD, assemble } from "./published-details";

/** One published alliance, or null when it is not (or no longer) published. */
export async function getPublished(db: Db, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  return withPublicScope(db, async (tx) => {
    const rows = await tx.select(CARD).from(alliances).where(eq(alliances.id, id));
    if (rows.length === 0) return null;
    return assemble(rows, await details(tx, [id]))[0]!;
  });
}
