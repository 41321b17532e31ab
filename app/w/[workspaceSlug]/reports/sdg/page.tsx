import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "@/server/i18n/server-translations";
import { BarTable } from "@/components/dashboards/bar-table";
import { ExportLink } from "@/components/ui/export-link";
import { ReportGoals } from "@/components/dashboards/report-goals";
import { FilterSelect } from "@/components/ui/filter-select";
import { DEFAULT_PRIMARY_WEIGHT, PRIMARY_WEIGHTS } from "@/domain/allocation";
import { can } from "@/domain/roles";
import { SDG_GOALS } from "@/domain/sdg";
import { readOrNotFound, serverCaller, readWorkspace } from "@/server/trpc/server-caller";
import { labelOf } from "@/messages/labels";
import { ScopedMessages } from "@/components/providers/scoped-messages";

/** Rows of a goal that the report carries (all of them, or the overview's first ones). */
const shownRows = (g: { targets: Array<{ alliances: unknown[] }> }) =>
  g.targets.reduce((n, t) => n + t.alliances.length, 0);

type Props = {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<{ year?: string; goal?: string; primaryWeight?: string }>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("report"))("title") };
}

/**
 * The CSR team's SDG contribution report for a year, on screen, with its narratives and exports.
 * Each goal lists its first rows and links to a view of that goal alone with all of them.
 */
export default async function SdgReportPage({ params, searchParams }: Props) {
  const { workspaceSlug } = await params;
  const thisYear = new Date().getUTCFullYear();
  const query = await searchParams;
  const asked = Number(query.year);
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const askedGoal = Number(query.goal);
  const goal = Number.isInteger(askedGoal) && askedGoal >= 1 && askedGoal <= 17 ? askedGoal : undefined;
  const askedWeight = Number(query.primaryWeight);
  const primaryWeight = (PRIMARY_WEIGHTS as readonly number[]).includes(askedWeight)
    ? askedWeight
    : DEFAULT_PRIMARY_WEIGHT;
  const caller = await serverCaller();
  const workspace = await readOrNotFound(() => readWorkspace(workspaceSlug));
  const report = await readOrNotFound(() => caller.dashboards.sdgReport({ workspaceSlug, year, goal, primaryWeight }));
  const t = await getTranslations();
  const format = await getFormatter();
  const euros = (cents: number) =>
    format.number(cents / 100, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  const canWrite = can(workspace.myRole, "alliances.write");
  const weightParam = primaryWeight === DEFAULT_PRIMARY_WEIGHT ? "" : `&primaryWeight=${primaryWeight}`;
  const exportHref = (f: string) => `/w/${workspaceSlug}/reports/sdg/export?year=${year}&format=${f}${weightParam}`;
  const reportHref = (g?: number) =>
    `/w/${workspaceSlug}/reports/sdg?year=${year}${g ? `&goal=${g}` : ""}${weightParam}`;
  const percent = (fraction: number) => format.number(fraction, { style: "percent", maximumFractionDigits: 1 });
  return (
    <ScopedMessages scope="sdgReport">
      <article className="space-y-6">
        <header className="space-y-2">
          <h1 className="text-2xl font-bold">{t("report.title")}</h1>
          <p className="max-w-3xl text-slate-800">{t("report.intro")}</p>
        </header>
        <form method="get" className="flex flex-wrap items-end gap-3">
          {goal ? <input type="hidden" name="goal" value={goal} /> : null}
          <FilterSelect
            id="r-year"
            name="year"
            label={t("report.year")}
            value={year}
            options={Array.from({ length: 10 }, (_, i) => ({ value: thisYear - i, label: String(thisYear - i) }))}
          />
          <FilterSelect
            id="r-weight"
            name="primaryWeight"
            label={t("report.rule.weight")}
            value={primaryWeight}
            options={PRIMARY_WEIGHTS.map((w) => ({
              value: w,
              label: w === 1 ? t("report.rule.weightEqual") : t("report.rule.weightTimes", { weight: w }),
            }))}
          />
          <button type="submit" className="btn btn-primary">
            {t("report.show")}
          </button>
        </form>
        <nav aria-label={t("report.export")} className="flex flex-wrap items-center gap-4">
          <span className="font-medium">{t("report.export")} :</span>
          <ExportLink href={exportHref("pdf")} label={t("report.exportPdf")} />
          <ExportLink href={exportHref("xlsx")} label={t("report.exportXlsx")} />
          <ExportLink href={exportHref("csv")} label={t("report.exportCsv")} />
        </nav>
        <section
          aria-labelledby="rule-title"
          className="max-w-4xl space-y-2 rounded-md border-l-4 border-blue-700 bg-blue-50 p-4 text-sm text-blue-950"
          data-testid="allocation-rule"
        >
          <h2 id="rule-title" className="font-semibold">
            {t("report.rule.title")}
          </h2>
          <p>{t("report.rule.text", { primary: primaryWeight === 1 ? "equal" : "weighted", weight: primaryWeight })}</p>
          <p className="font-medium" data-testid="report-total">
            {t("report.rule.total", {
              year,
              euros: euros(report.totals.cents),
              hours: report.totals.hours,
              alliances: report.totals.alliances,
            })}
          </p>
          {report.totals.unallocatedCents || report.totals.unallocatedHours ? (
            <p>
              {t("report.rule.unallocated", {
                euros: euros(report.totals.unallocatedCents),
                hours: report.totals.unallocatedHours,
              })}
            </p>
          ) : null}
        </section>
        {goal ? (
          <p>
            {t("report.oneGoal", { goal })} <Link href={reportHref()}>{t("report.allGoals")}</Link>
          </p>
        ) : null}
        {report.goals.length === 0 ? (
          <p>{t("report.empty")}</p>
        ) : (
          <>
            <BarTable
              caption={t("report.chart")}
              labelHeader={t("report.columns.goalName")}
              valueHeader={t("report.columns.ownEuros")}
              testId="report-chart"
              rows={report.goals.map((g) => ({
                key: String(g.goal),
                label: `${g.goal}. ${labelOf(t, "sdg.goals", g.goal)}`,
                value: g.ownCents,
                display: euros(g.ownCents),
                colour: SDG_GOALS[g.goal - 1]?.colour,
              }))}
            />
            <ReportGoals
              goals={report.goals.map((g) => ({
                goal: g.goal,
                name: labelOf(t, "sdg.goals", g.goal),
                badge: t("sdg.goal", { number: g.goal }),
                line: t("report.goalLine", { alliances: g.alliances, euros: euros(g.ownCents), hours: g.ownHours }),
                scores: Object.keys(g.averages).length
                  ? Object.entries(g.averages)
                      .map(
                        ([d, v]) =>
                          `${labelOf(t, "evaluation.dimensions", d)} ${format.number(v, { maximumFractionDigits: 2 })}/5`,
                      )
                      .join(" · ")
                  : t("report.noScores"),
                rows: g.targets.flatMap((target) =>
                  target.alliances.map((a) => ({
                    key: `${target.target}-${a.id}`,
                    target: target.target,
                    title: a.title,
                    partners: a.partners,
                    share: a.sharePercent === null ? "—" : `${a.sharePercent} %`,
                    allocated: percent(a.allocated),
                    euros: euros(a.ownCents),
                    hours: format.number(a.ownHours),
                    indicators: a.indicators.map(
                      (i) =>
                        `${i.name} : ${i.results.map((r) => `${r.period} ${format.number(r.value)} ${i.unit}`).join(", ")}`,
                    ),
                  })),
                ),
                more:
                  g.rows > shownRows(g)
                    ? {
                        href: reportHref(g.goal),
                        label: t("report.moreRows", { shown: shownRows(g), count: g.rows, goal: g.goal }),
                      }
                    : null,
                narrative: g.narrative,
                narrativeVersion: g.narrativeVersion,
              }))}
              columns={[
                t("report.columns.target"),
                t("report.columns.alliance"),
                t("report.columns.partners"),
                t("report.columns.share"),
                t("report.columns.allocated"),
                t("report.columns.ownEuros"),
                t("report.columns.ownHours"),
                t("report.indicators"),
              ]}
              averagesLabel={t("report.averages")}
              workspaceSlug={workspaceSlug}
              year={year}
              canWrite={canWrite}
            />
          </>
        )}
      </article>
    </ScopedMessages>
  );
}
