import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { observatoryFigures, observatoryRefreshes } from "../../../db/schema";
import { withPublicScope } from "../../../db/scope";
import type { ObservatoryRow, ObservatoryTable } from "../../../domain/observatory";
import { compareSdgTargets } from "../../../domain/sdg";

/** Natural orders: goals 1 … 17, targets 4.1 … 4.a … 17.19, years; the rest by key. */
const ORDER: Partial<Record<ObservatoryTable, (a: string, b: string) => number>> = {
  goal: (a, b) => Number(a) - Number(b),
  target: compareSdgTargets,
  year: (a, b) => Number(a) - Number(b),
};

/**
 * The published figures of some tables of one scope, and when they were computed, read as the
 * public role (the rows are already perturbed; nothing else is readable). One indexed read.
 */
export async function readFigures(db: Db, scope: string, code: string, tables?: ObservatoryTable[]) {
  return withPublicScope(db, async (tx) => {
    const [rows, refresh] = await Promise.all([
      tx
        .select({
          section: observatoryFigures.section,
          key: observatoryFigures.key,
          alliances: observatoryFigures.alliances,
          organisations: observatoryFigures.organisations,
          cents: observatoryFigures.cents,
          hours: observatoryFigures.hours,
          score: observatoryFigures.score,
        })
        .from(observatoryFigures)
        .where(
          and(
            eq(observatoryFigures.scope, scope),
            eq(observatoryFigures.code, code),
            tables ? inArray(observatoryFigures.section, tables) : undefined,
          ),
        )
        .orderBy(asc(observatoryFigures.section), asc(observatoryFigures.key)),
      tx.select({ at: observatoryRefreshes.refreshedAt }).from(observatoryRefreshes).limit(1),
    ]);
    const bySection = new Map<string, ObservatoryRow[]>();
    for (const { section, ...row } of rows) {
      const list = bySection.get(section);
      if (list) list.push(row);
      else bySection.set(section, [row]);
    }
    for (const [section, list] of bySection) {
      const order = ORDER[section as ObservatoryTable];
      if (order) list.sort((a, b) => order(a.key, b.key));
    }
    return { refreshedAt: refresh[0]?.at ?? null, sections: bySection };
  });
}
