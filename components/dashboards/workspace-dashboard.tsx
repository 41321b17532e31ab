import Link from "next/link";
import { formatDate } from "@/domain/dates";
import { getLocale } from "next-intl/server";
import { getFormatter, getTranslations } from "@/server/i18n/server-translations";
import { allianceFormOptions } from "@/components/alliances/form-options";
import { FilterBar } from "@/components/ui/filter-bar";
import { FilterSelect } from "@/components/ui/filter-select";
import { LIFECYCLE_STAGES, MODES } from "@/domain/alliances";
import { SDG_GOALS } from "@/domain/sdg";
import type { RouterOutputs } from "@/server/trpc/types";
import { BarTable } from "./bar-table";
import { AllianceLinkList, CountsTable } from "./dashboard-lists";
import { labelOf } from "@/messages/labels";
import { pivotTrajectory } from "./trajectory";

type Data = RouterOutputs["dashboards"]["workspace"];

const LIGHT_COLOURS = { green: "#15803d", new: "#94a3b8", amber: "#f59e0b", red: "#b91c1c" } as const;

/** The partnership manager's cockpit: filters (a GET form, so they live in the URL), figures, breakdowns as bar tables. */
export async function WorkspaceDashboard({ workspaceSlug, data }: { workspaceSlug: string; data: Data }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const f: Data["filters"] = data.filters;
  const { regions } = allianceFormOptions();
  const euros = (cents: number) =>
    format.number(cents / 100, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  const thisYear = data.key.thisYear.year;
  const base = `/w/${workspaceSlug}`;
  const trajectory = pivotTrajectory(data.trajectory);
  return (
    <section aria-labelledby="dashboard-title" className="space-y-6" data-testid="workspace-dashboard">
      <div className="space-y-1">
        <h2 id="dashboard-title" className="text-xl font-semibold">
          {t("dashboard.title")}
        </h2>
        <p className="text-sm text-slate-800">{t("dashboard.intro")}</p>
      </div>
      <FilterBar
        label={t("dashboard.filters")}
        applyLabel={t("dashboard.apply")}
        resetLabel={t("dashboard.reset")}
        resetHref={base}
        columns="sm:grid-cols-3 lg:grid-cols-6"
      >
        <FilterSelect
          id="d-year"
          name="year"
          label={t("dashboard.year")}
          allLabel={t("dashboard.all")}
          value={f.year}
          options={Array.from({ length: 10 }, (_, i) => ({ value: thisYear - i, label: String(thisYear - i) }))}
        />
        <FilterSelect
          id="d-mode"
          name="mode"
          label={t("alliances.columns.mode")}
          allLabel={t("dashboard.all")}
          value={f.mode}
          options={MODES.map((m) => ({ value: m, label: t(`alliance.modes.${m}`) }))}
        />
        <FilterSelect
          id="d-goal"
          name="sdgGoal"
          label={t("alliances.columns.sdg")}
          allLabel={t("dashboard.all")}
          value={f.sdgGoal}
          options={SDG_GOALS.map((_, i) => ({ value: i + 1, label: `${i + 1}. ${labelOf(t, "sdg.goals", i + 1)}` }))}
        />
        <FilterSelect
          id="d-region"
          name="region"
          label={t("library.region")}
          allLabel={t("dashboard.all")}
          value={f.region}
          options={regions.map((r) => ({ value: r.code, label: r.label }))}
        />
        <FilterSelect
          id="d-stage"
          name="stage"
          label={t("alliances.fields.stage")}
          allLabel={t("dashboard.all")}
          value={f.stage}
          options={LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`alliance.lifecycle.${s}`) }))}
        />
      </FilterBar>

      <div>
        <h3 className="mb-2 font-semibold">{t("dashboard.key")}</h3>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" data-testid="key-figures">
          {[
            [t("dashboard.active"), format.number(data.key.active), "active"],
            [t("dashboard.alliances"), format.number(data.key.alliances), "alliances"],
            [t("dashboard.partners"), format.number(data.key.partners), "partners"],
            [
              t("dashboard.contributions", { year: data.key.thisYear.year }),
              euros(data.key.thisYear.cents),
              "cents-this",
            ],
            [
              t("dashboard.contributions", { year: data.key.lastYear.year }),
              euros(data.key.lastYear.cents),
              "cents-last",
            ],
            [
              t("dashboard.hours", { year: data.key.thisYear.year }),
              format.number(data.key.thisYear.hours),
              "hours-this",
            ],
          ].map(([label, value, id]) => (
            <div key={id} className="rounded-md border border-slate-300 bg-white p-3" data-figure={id}>
              <dt className="text-sm text-slate-700">{label}</dt>
              <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
            </div>
          ))}
        </dl>
      </div>

      {/* Columns rather than a grid: each breakdown keeps its own height, so a short one does not leave a hole beside a long one. */}
      <div className="gap-6 lg:columns-2 [&>*]:mb-6 [&>*]:break-inside-avoid">
        <BarTable
          caption={t("dashboard.byStage")}
          labelHeader={t("dashboard.label")}
          valueHeader={t("dashboard.count")}
          testId="by-stage"
          rows={data.byStage.map((s) => ({ key: s.key, label: t(`alliance.lifecycle.${s.key}`), value: s.count }))}
        />
        <BarTable
          caption={t("dashboard.byMode")}
          labelHeader={t("dashboard.label")}
          valueHeader={t("dashboard.count")}
          testId="by-mode"
          rows={data.byMode.map((m) => ({ key: m.key, label: t(`alliance.modes.${m.key}`), value: m.count }))}
        />
        <BarTable
          caption={t("dashboard.byGoal")}
          labelHeader={t("dashboard.label")}
          valueHeader={t("dashboard.count")}
          testId="by-goal"
          rows={data.byGoal.map((g) => ({
            key: String(g.goal),
            label: `${g.goal}. ${labelOf(t, "sdg.goals", g.goal)}`,
            value: g.count,
            colour: SDG_GOALS[g.goal - 1]?.colour,
          }))}
        />
        <BarTable
          caption={t("dashboard.scores")}
          labelHeader={t("dashboard.label")}
          valueHeader={t("evaluation.average")}
          testId="scores"
          rows={data.scores.map((s) => ({
            key: s.dimension,
            label: t(`evaluation.dimensions.${s.dimension}`),
            value: s.average ?? 0,
            display:
              s.average === null
                ? t("dashboard.scoreNone")
                : `${format.number(s.average, { maximumFractionDigits: 2 })} / 5`,
          }))}
        />
        <BarTable
          caption={t("dashboard.lights")}
          labelHeader={t("dashboard.label")}
          valueHeader={t("dashboard.count")}
          testId="lights"
          rows={data.lights.map((l) => ({
            key: l.light,
            label: t(`evaluation.light.${l.light}`),
            value: l.count,
            colour: LIGHT_COLOURS[l.light],
          }))}
        />
        <div className="space-y-2">
          <h3 className="font-semibold">{t("dashboard.ending")}</h3>
          {data.ending.length === 0 ? (
            <p className="text-sm">{t("dashboard.endingNone")}</p>
          ) : (
            <AllianceLinkList
              base={base}
              testId="ending"
              items={data.ending.map((e) => ({
                id: e.id,
                title: e.title,
                note: t("dashboard.endsOn", { date: formatDate(new Date(e.endsOn), locale, { dateStyle: "medium" }) }),
              }))}
            />
          )}
        </div>
      </div>

      <div className="space-y-2">
        <h3 className="font-semibold">{t("dashboard.trajectory")}</h3>
        {data.trajectory.length === 0 ? (
          <p className="text-sm">{t("dashboard.trajectoryNone")}</p>
        ) : (
          <div className="overflow-x-auto">
            <CountsTable
              testId="trajectory"
              caption={t("dashboard.trajectory")}
              corner={t("dashboard.transition")}
              years={trajectory.years}
              rows={trajectory.moves.map((move) => ({
                key: move.key,
                label: t("dashboard.fromTo", {
                  from: labelOf(t, "alliance.modes", move.from),
                  to: labelOf(t, "alliance.modes", move.to),
                }),
                counts: trajectory.years.map((year) => move.counts.get(year) ?? 0),
              }))}
            />
          </div>
        )}
      </div>

      <div className="space-y-2">
        <h3 className="font-semibold">{t("dashboard.atRisk")}</h3>
        {data.atRisk.length === 0 ? (
          <p className="text-sm">{t("dashboard.atRiskNone")}</p>
        ) : (
          <AllianceLinkList
            base={base}
            testId="dashboard-at-risk"
            items={data.atRisk.map((a) => ({
              id: a.id,
              title: a.title,
              light: a.light,
              note: a.reasons.map((r) => t(`risk.reasons.${r}`)).join(" ; "),
            }))}
            lights={Object.fromEntries(
              [...new Set(data.atRisk.map((a) => a.light))].map((light) => [
                light,
                { short: t(`evaluation.lightShort.${light}`), long: t(`evaluation.light.${light}`) },
              ]),
            )}
          />
        )}
        {data.atRiskTotal > data.atRisk.length ? (
          <p className="text-sm">
            <Link href={`${base}/alliances/at-risk`}>
              {t("dashboard.atRiskMore", { shown: data.atRisk.length, count: data.atRiskTotal })}
            </Link>
          </p>
        ) : null}
      </div>
    </section>
  );
}
