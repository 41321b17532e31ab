/** Ledger totals in euro cents: per party, per kind and per year (entries without a value are counted apart). */
export function contributionTotals(
  entries: Array<{ partyId: string; kind: string; valueCents: number | null; occurredOn: string }>,
) {
  const add = (map: Map<string, number>, key: string, cents: number) => map.set(key, (map.get(key) ?? 0) + cents);
  const byParty = new Map<string, number>();
  const byKind = new Map<string, number>();
  const byYear = new Map<string, number>();
  let total = 0;
  let unvalued = 0;
  for (const e of entries) {
    if (e.valueCents === null) {
      unvalued++;
      continue;
    }
    total += e.valueCents;
    add(byParty, e.partyId, e.valueCents);
    add(byKind, e.kind, e.valueCents);
    add(byYear, e.occurredOn.slice(0, 4), e.valueCents);
  }
  return {
    total,
    unvalued,
    byParty: Object.fromEntries(byParty),
    byKind: Object.fromEntries(byKind),
    byYear: Object.fromEntries(byYear),
  };
}
