"use client";

import Link from "next/link";
import { LightBadge } from "@/components/evaluation/light-badge";
import type { StatusLight } from "@/domain/evaluation";

/**
 * The workspace dashboard's lists of alliances and its trajectory table, as client components
 * fed with data, its words already translated. Rendered by the server component, every item's
 * link, badge and class names travelled twice, as HTML and again in React's payload (the
 * dashboard's at-risk list, endings and trajectory were about 20 kB of its 121 kB); as data, each
 * item travels once in the payload, and names shared by many items (the lights) come once.
 */
export function AllianceLinkList({
  base,
  items,
  lights,
  testId,
}: {
  base: string;
  /** An alliance, its light when the list shows one, and what the list says of it. */
  items: Array<{ id: string; title: string; light?: StatusLight; note: string }>;
  lights?: Partial<Record<StatusLight, { short: string; long: string }>>;
  testId: string;
}) {
  return (
    <ul className="space-y-1 text-sm" data-testid={testId}>
      {items.map((item) => {
        const light = item.light && lights?.[item.light];
        return (
          <li key={item.id}>
            <Link href={`${base}/alliances/${item.id}`}>{item.title}</Link>
            {" · "}
            {item.light && light ? (
              <>
                <LightBadge light={item.light} short={light.short} long={light.long} />
                {" · "}
              </>
            ) : null}
            {item.note}
          </li>
        );
      })}
    </ul>
  );
}

/** A table of counts: one row per label, one column per year, as data. */
export function CountsTable({
  caption,
  corner,
  years,
  rows,
  testId,
}: {
  caption: string;
  corner: string;
  years: number[];
  /** Each row's counts, in the order of `years`. */
  rows: Array<{ key: string; label: string; counts: number[] }>;
  testId: string;
}) {
  return (
    <table className="cells-compact border-collapse text-left text-sm" data-testid={testId}>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-400">
          <th scope="col">{corner}</th>
          {years.map((year) => (
            <th key={year} scope="col" className="text-right">
              {year}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-slate-200">
            <th scope="row" className="font-normal">
              {row.label}
            </th>
            {row.counts.map((count, i) => (
              <td key={years[i]} className="text-right">
                {count}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
