"use client";

import Link from "next/link";
import { SdgBadge } from "@/components/alliances/sdg-badge";
import { NarrativeForm } from "./narrative-form";
import { ReportRows, type ReportRow } from "./report-rows";

/** One goal of the SDG report, every word and figure already written for the reader. */
export interface ReportGoal {
  goal: number;
  /** The goal's name, and the tile's ("ODD 4"). */
  name: string;
  badge: string;
  /** Alliances, own euros and hours of the goal. */
  line: string;
  /** The average impact scores, or the sentence saying there are none. */
  scores: string;
  rows: ReportRow[];
  /** The link to every row of the goal, when the overview shows only its first ones. */
  more: { href: string; label: string } | null;
  narrative: string;
  narrativeVersion: number;
}

/**
 * The report's goal sections, drawn from data. Rendered by the server page, each of 17 sections
 * travelled twice (markup and React's payload), its table's eight column headers included;
 * as data, the headers come once and each goal is its words and figures.
 */
export function ReportGoals({
  goals,
  columns,
  averagesLabel,
  workspaceSlug,
  year,
  canWrite,
}: {
  goals: ReportGoal[];
  /** The tables' column headers, in order. */
  columns: string[];
  averagesLabel: string;
  workspaceSlug: string;
  year: number;
  canWrite: boolean;
}) {
  return goals.map((g) => (
    <section
      key={g.goal}
      aria-labelledby={`goal-${g.goal}`}
      className="space-y-3 border-t border-slate-300 pt-4"
      data-testid={`report-goal-${g.goal}`}
    >
      <h2 id={`goal-${g.goal}`} className="flex items-center gap-2 text-xl font-semibold">
        <SdgBadge goal={g.goal} name={g.badge} />
        {g.name}
      </h2>
      <p>{g.line}</p>
      <p className="text-sm">
        <span className="font-medium">{`${averagesLabel} : `}</span>
        {g.scores}
      </p>
      <div className="overflow-x-auto">
        <table className="cells-compact w-full border-collapse text-left text-sm">
          <caption className="sr-only">{g.name}</caption>
          <thead>
            <tr className="border-b border-slate-400">
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <ReportRows rows={g.rows} />
        </table>
      </div>
      {g.more ? (
        <p className="text-sm">
          <Link href={g.more.href}>{g.more.label}</Link>
        </p>
      ) : null}
      {canWrite ? (
        <NarrativeForm
          workspaceSlug={workspaceSlug}
          year={year}
          goal={g.goal}
          text={g.narrative}
          version={g.narrativeVersion}
        />
      ) : g.narrative ? (
        <p className="whitespace-pre-line italic">{g.narrative}</p>
      ) : null}
    </section>
  ));
}
