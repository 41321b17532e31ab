/** One year's count of alliances whose mode changed from one to another (dashboards.workspace). */
export interface TrajectoryRow {
  year: number;
  from: string;
  to: string;
  count: number;
}

/**
 * The mode trajectory as one row per change of mode and one column per year: a 5,000-alliance
 * portfolio had 118 (year, from, to) rows, written one under the other (69 kB of the dashboard's
 * HTML and React payload), where a dozen changes over a dozen years fit in one small table.
 */
export function pivotTrajectory(rows: TrajectoryRow[]) {
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  const moves = new Map<string, { key: string; from: string; to: string; counts: Map<number, number> }>();
  for (const r of rows) {
    const key = `${r.from}>${r.to}`;
    const move = moves.get(key) ?? { key, from: r.from, to: r.to, counts: new Map<number, number>() };
    move.counts.set(r.year, (move.counts.get(r.year) ?? 0) + r.count);
    moves.set(key, move);
  }
  // The changes made by most alliances first.
  const total = (m: { counts: Map<number, number> }) => [...m.counts.values()].reduce((sum, n) => sum + n, 0);
  return { years, moves: [...moves.values()].sort((a, b) => total(b) - total(a) || a.key.localeCompare(b.key)) };
}
