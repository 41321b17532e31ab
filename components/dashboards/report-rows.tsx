"use client";

/** One row of a goal's table in the SDG report, every figure already written for the reader. */
export interface ReportRow {
  key: string;
  target: string;
  title: string;
  partners: string;
  share: string;
  allocated: string;
  euros: string;
  hours: string;
  /** One line per indicator: its name and its results. */
  indicators: string[];
}

/**
 * The rows of a goal's table. A client component for the same reason as the alliance list's
 * rows (components/alliances/alliance-rows.tsx): the server sends them as data, not as markup
 * written twice (HTML and React's payload); a report carries up to 21 rows per goal.
 */
export function ReportRows({ rows }: { rows: ReportRow[] }) {
  return (
    <tbody>
      {rows.map((r) => (
        <tr key={r.key} className="border-b border-slate-200 align-top">
          <td className="font-mono">{r.target}</td>
          <th scope="row" className="font-normal">
            {r.title}
          </th>
          <td>{r.partners}</td>
          <td className="tabular-nums">{r.share}</td>
          <td className="tabular-nums">{r.allocated}</td>
          <td className="tabular-nums">{r.euros}</td>
          <td className="tabular-nums">{r.hours}</td>
          <td>
            {r.indicators.map((line, i) => (
              <span key={i} className="block">
                {line}
              </span>
            ))}
          </td>
        </tr>
      ))}
    </tbody>
  );
}
