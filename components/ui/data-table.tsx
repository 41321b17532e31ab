import type { ReactNode } from "react";

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Extra classes for the column's cells (for example "whitespace-nowrap" or "tabular-nums"). */
  className?: string;
  /** The column that names each row: its cells are row headers for screen readers. */
  rowHeader?: boolean;
}

/**
 * A table of rows with a caption (read by screen readers, hidden on screen unless shown), column
 * headers, and one line per row, scrolling sideways on narrow screens.
 */
export function DataTable<Row>({
  caption,
  showCaption = false,
  columns,
  rows,
  rowKey,
  testId,
  rowTestId,
}: {
  caption: ReactNode;
  showCaption?: boolean;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  testId?: string;
  /** A test id for each row. */
  rowTestId?: (row: Row) => string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" data-testid={testId}>
        <caption className={showCaption ? "mb-2 text-left font-semibold" : "sr-only"}>{caption}</caption>
        <thead>
          <tr className="border-b border-slate-400">
            {columns.map((c) => (
              <th key={c.key} scope="col" className="py-2 pr-4">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-b border-slate-200 align-top" data-testid={rowTestId?.(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" className={`py-2 pr-4 font-normal ${c.className ?? ""}`}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key} className={`py-2 pr-4 ${c.className ?? ""}`}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
