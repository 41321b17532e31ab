import { getFormatter, getTranslations } from "@/server/i18n/server-translations";
import type { RouterOutputs } from "@/server/trpc/types";
import { IndicatorChart } from "./indicator-chart";
import { AddResultForm } from "./indicator-forms";

type Indicator = RouterOutputs["evaluation"]["indicators"][number];

/** One indicator of an alliance: its definition, progress, chart, results table and (for editors) a result form. */
export async function IndicatorCard({
  indicator: ind,
  workspaceSlug,
  allianceId,
  canWrite,
}: {
  indicator: Indicator;
  workspaceSlug: string;
  allianceId: string;
  canWrite: boolean;
}) {
  const t = await getTranslations();
  const format = await getFormatter();
  return (
    <article
      className="space-y-2 rounded-md border border-slate-300 bg-white p-4"
      aria-labelledby={`ind-${ind.id}`}
      data-testid="indicator"
    >
      <h3 id={`ind-${ind.id}`} className="font-semibold">
        {ind.name}{" "}
        <span className="text-sm font-normal text-slate-700">
          ({ind.unit} · {t(`alliance.impacts.${ind.dimension}`)} · {t(`indicators.frequencies.${ind.frequency}`)}
          {ind.sdgTarget ? ` · ODD ${ind.sdgTarget}` : ""})
        </span>
      </h3>
      <p className="text-sm">
        {t("indicators.baseline")} : {ind.baseline ?? "—"} · {t("indicators.target")} : {ind.target ?? "—"} ·{" "}
        {t(`indicators.directions.${ind.direction}`)}
      </p>
      <p className="font-medium" data-testid="indicator-progress">
        {ind.progress === null
          ? t("indicators.noProgress")
          : t("indicators.progress", { percent: format.number(Math.round(ind.progress * 100)) })}
        {ind.latest !== null
          ? ` · ${t("indicators.latest", { value: format.number(ind.latest), unit: ind.unit })}`
          : ""}
      </p>
      {ind.results.length ? (
        <>
          <IndicatorChart
            label={t("indicators.chart", { name: ind.name })}
            points={ind.results.map((r) => ({ period: r.period, value: r.value }))}
            baseline={ind.baseline}
            target={ind.target}
            baselineLabel={t("indicators.baselineLine")}
            targetLabel={t("indicators.targetLine")}
          />
          <table className="w-full max-w-xl border-collapse text-left text-sm" data-testid="indicator-results">
            <caption className="text-left text-sm font-medium">{t("indicators.table", { name: ind.name })}</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-1 pr-4">
                  {t("indicators.resultPeriod")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("indicators.resultValue")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("indicators.resultNote")}
                </th>
              </tr>
            </thead>
            <tbody>
              {ind.results.map((r) => (
                <tr key={r.id} className="border-b border-slate-200">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    {r.period}
                  </th>
                  <td className="py-1 pr-4">
                    {format.number(r.value)} {ind.unit}
                  </td>
                  <td className="py-1 pr-4">
                    {r.note}
                    {r.evidenceUrl ? (
                      <a href={r.evidenceUrl} rel="noopener noreferrer" className="ml-2">
                        {r.evidenceUrl}
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {canWrite ? (
        <AddResultForm
          workspaceSlug={workspaceSlug}
          allianceId={allianceId}
          indicatorId={ind.id}
          indicatorName={ind.name}
        />
      ) : null}
    </article>
  );
}
