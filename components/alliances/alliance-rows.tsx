"use client";
import Link from "next/link";
import type { StatusLight } from "@/domain/evaluation";
import { LightBadge } from "@/components/evaluation/light-badge";
import { SdgBadge } from "./sdg-badge";

/** One row of the alliance list, its words already translated and its dates written. */
export interface AllianceRow {
  id: string;
  title: string;
  partners: string;
  mode: string;
  stage: string;
  goals: number[];
  primaryGoal: number | null;
  startsOn: string;
  updatedAt: string;
  /** Questions answered and asked at the current stage (what a screen reader says: `guideLabels`). */
  guide: { answered: number; total: number } | null;
  light: StatusLight;
}

/**
 * The rows of the alliance list. A client component on purpose: the server sends the rows as
 * data (a few hundred bytes each) and the markup is rendered from it, on the server for the
 * first paint and in the browser for hydration. Rendered by the server page itself, every cell,
 * class name and SDG tile travelled twice, as HTML and again in React's payload: 4.7 kB a row.
 * Words shared by many rows (goals, lights, the guide's "n of m" label) come once, and so do
 * the rows' and cells' styles (`.alliance-rows` in app/globals.css).
 */
export function AllianceRows({
  base,
  rows,
  goalNames,
  lights,
  guideLabels,
}: {
  base: string;
  rows: AllianceRow[];
  goalNames: Record<number, string>;
  lights: Record<StatusLight, { short: string; long: string }>;
  /** By "answered/total". */
  guideLabels: Record<string, string>;
}) {
  return (
    <tbody className="alliance-rows">
      {rows.map((a) => (
        <tr key={a.id}>
          <th scope="row" className="font-medium">
            <Link href={`${base}/${a.id}`}>{a.title}</Link>
          </th>
          <td>{a.partners}</td>
          <td>{a.mode}</td>
          <td>{a.stage}</td>
          <td>
            <span className="sdg-tiles">
              {a.goals.map((g) => (
                <SdgBadge key={g} goal={g} name={goalNames[g] ?? String(g)} primary={g === a.primaryGoal} />
              ))}
            </span>
          </td>
          <td>{a.startsOn}</td>
          <td>{a.updatedAt}</td>
          <td>
            {a.guide ? (
              <Link
                href={`${base}/${a.id}?section=cadrage`}
                aria-label={guideLabels[`${a.guide.answered}/${a.guide.total}`]}
              >
                {`${a.guide.answered}/${a.guide.total}`}
              </Link>
            ) : (
              "—"
            )}
          </td>
          <td>
            <LightBadge light={a.light} short={lights[a.light].short} long={lights[a.light].long} />
          </td>
        </tr>
      ))}
    </tbody>
  );
}
