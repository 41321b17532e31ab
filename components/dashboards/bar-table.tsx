"use client";

import { LazyDetails } from "@/components/ui/lazy-details";

/**
 * A bar chart that is a table: each row has its label, a bar (decorative, hidden from screen
 * readers) and the number. Keyboard and screen-reader users get the same figures as everyone.
 * A client component although it has no state: its rows then travel as data in React's payload,
 * not as the markup written a second time (the dashboards and the territory page hold a dozen).
 * A long one (the territory's 169 SDG targets, 54 kB of markup) can wait behind a disclosure
 * (`more`): its rows are drawn in the browser when it is first opened.
 */
export function BarTable({
  caption,
  labelHeader,
  valueHeader,
  rows,
  testId,
  more,
}: {
  caption: string;
  labelHeader: string;
  valueHeader: string;
  rows: Array<{ key: string; label: string; value: number; display?: string; colour?: string }>;
  testId?: string;
  /** The disclosure's words ("Afficher les 169 cibles"): the table waits behind it until opened. */
  more?: string;
}) {
  if (more)
    return (
      <LazyDetails summary={`${caption} · ${more}`} className="rounded-md border border-slate-200">
        {() => (
          <div className="px-3 pb-2">
            <BarTable
              caption={caption}
              labelHeader={labelHeader}
              valueHeader={valueHeader}
              rows={rows}
              testId={testId}
            />
          </div>
        )}
      </LazyDetails>
    );
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
                    width: `${Math.round(Math.max(2, (r.value / max) * 100) * 7) / 10}%`,
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
