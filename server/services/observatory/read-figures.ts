import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { observatoryFigures, observatoryRefreshes } from "../../../db/schema";
import { withPublicScope } from "../../../db/scope";
import { CONTRIBUTION_KINDS, IMPACT_DIMENSIONS, MODES } from "../../../domain/alliances";
import { ORGANISATION_KINDS } from "../../../domain/identifiers";
import type { ObservatoryRow, ObservatoryTable } from "../../../domain/observatory";
import { compareSdgTargets } from "../../../domain/sdg";

/** Natural orders: goals 1 … 17, targets 4.1 … 4.a … 17.19, years, the vocabularies' own orders; the rest by key. */
const inOrderOf = (keys: readonly string[]) => (a: string, b: string) => keys.indexOf(a) - keys.indexOf(b);
const KINDS = inOrderOf(ORGANISATION_KINDS);
const ORDER: Partial<Record<ObservatoryTable, (a: string, b: string) => number>> = {
  goal: (a, b) => Number(a) - Number(b),
  target: compareSdgTargets,
  year: (a, b) => Number(a) - Number(b),
  mode: inOrderOf(MODES),
  kind: KINDS,
  orgkind: KINDS,
  nature: inOrderOf(CONTRIBUTION_KINDS.map((k) => k.key)),
  score: inOrderOf(IMPACT_DIMENSIONS.map((d) => d.key)),
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

/** When the published figures were computed (null before the first computation), read as the public role. */
export async function publishedFiguresDate(db: Db): Promise<Date | null> {
  const [row] = await withPublicScope(db, (tx) =>
    tx.select({ at: observatoryRefreshes.refreshedAt }).from(observatoryRefreshes).limit(1),
  );
  return row?.at ? new Date(row.at) : null;
}
