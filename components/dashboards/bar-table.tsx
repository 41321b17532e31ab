"use client";

/**
 * A bar chart that is a table: each row has its label, a bar (decorative, hidden from screen
 * readers) and the number. Keyboard and screen-reader users get the same figures as everyone.
 * A client component although it has no state: its rows then travel as data in React's payload,
 * not as the markup written a second time (the dashboards and the territory page hold a dozen).
 */
export function BarTable({
  caption,
  labelHeader,
  valueHeader,
  rows,
  testId,
}: {
  caption: string;
  labelHeader: string;
  valueHeader: string;
  rows: Array<{ key: string; label: string; value: number; display?: string; colour?: string }>;
  testId?: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <table className="w-full border-collapse text-left text-sm" data-testid={testId}>
      <caption className="mb-1 text-left font-semibold">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">{labelHeader}</th>
          <th scope="col">{valueHeader}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="align-middle">
            <th scope="row" className="w-2/5 py-1 pr-3 font-normal">
              {r.label}
            </th>
            <td className="py-1">
              <span className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-3 rounded-sm"
                  style={{
                    width: `${Math.max(2, (r.value / max) * 100) * 0.7}%`,
                    backgroundColor: r.colour ?? "#1d4ed8",
                  }}
                />
                <span className="tabular-nums">{r.display ?? r.value}</span>
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
