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
 * written twice (HTML and React's payload). Their styles come once, from `.report-rows` in
 * app/globals.css.
 */
export function ReportRows({ rows }: { rows: ReportRow[] }) {
  return (
    <tbody className="report-rows">
      {rows.map((r) => (
        <tr key={r.key}>
          <td>{r.target}</td>
          <th scope="row">{r.title}</th>
          <td>{r.partners}</td>
          <td>{r.share}</td>
          <td>{r.allocated}</td>
          <td>{r.euros}</td>
          <td>{r.hours}</td>
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
