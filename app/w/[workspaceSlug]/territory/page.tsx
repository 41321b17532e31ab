import { Notice } from "@/components/ui/notice";
import { formatDate } from "@/domain/dates";
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale } from "next-intl/server";
import { getFormatter, getTranslations } from "@/server/i18n/server-translations";
import { allianceFormOptions } from "@/components/alliances/form-options";
import { BarTable } from "@/components/dashboards/bar-table";
import { FranceMap, type MapCell } from "@/components/territories/france-map";
import { FilterSelect } from "@/components/ui/filter-select";
import { LIFECYCLE_STAGES, MODES } from "@/domain/alliances";
import { SDG_GOALS } from "@/domain/sdg";
import { DashboardFilters } from "@/server/services/dashboards/schemas";
import { territory } from "@/domain/territory-data";
import { readOrNotFound, serverCaller } from "@/server/trpc/server-caller";
import { labelOf } from "@/messages/labels";

type Props = { params: Promise<{ workspaceSlug: string }>; searchParams: Promise<Record<string, string | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("territory"))("title") };
}

/**
 * The territorial coordinator's dashboard: France, a région or a département, with a map that
 * drills down, breakdowns whose hidden cells read "< 3", and the alliances whose parties agreed
 * to be shown to the territory.
 */
export default async function TerritoryPage({ params, searchParams }: Props) {
  const { workspaceSlug } = await params;
  const query = await searchParams;
  const level = query.level === "region" || query.level === "departement" ? query.level : "france";
  const code = level === "france" ? null : (query.code ?? null);
  const groupByRegion = query.group === "region";
  const filters = DashboardFilters.parse({
    mode: query.mode,
    sdgGoal: query.sdgGoal,
    stage: query.stage,
    year: query.year,
  });
  // Kept on every link of the page, so drilling down keeps the filters.
  const keep = new URLSearchParams(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  const withFilters = (href: string) => (keep.size ? `${href}${href.includes("?") ? "&" : "?"}${keep}` : href);
  const caller = await serverCaller();
  const d = await readOrNotFound(() =>
    caller.territories.dashboard({
      workspaceSlug,
      level,
      code,
      mode: filters.mode,
      sdgGoal: filters.sdgGoal,
      stage: filters.stage,
      year: filters.year,
    }),
  );
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const index = territory();
  const thisYear = new Date().getUTCFullYear();
  const base = `/w/${workspaceSlug}/territory`;
  const shown = (n: number | null) => (n === null ? t("territory.hidden") : format.number(n));
  const euros = (cents: number | null) =>
    cents === null
      ? t("territory.hidden")
      : format.number(cents / 100, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  const { regions, departements } = allianceFormOptions();
  const outline = new Set<string>(
    d.coordinations
      .filter((c) => c.status === "approved")
      .flatMap((c) =>
        c.level === "departement"
          ? [c.code]
          : [...index.departements.values()].filter((dep) => dep.region === c.code).map((dep) => dep.code),
      ),
  );
  // Map cells: per département, or each département coloured by its région's figure.
  const byRegion = new Map(d.regions.map((r) => [r.key, r]));
  const cells = new Map<string, MapCell>();
  if (d.map.dimension === "departement") {
    for (const dep of index.departements.values()) {
      const own = d.map.cells.find((c) => c.key === dep.code);
      const reg = byRegion.get(dep.region);
      const inScope = d.level === "france" || dep.region === d.code;
      cells.set(dep.code, {
        code: dep.code,
        name: dep.name,
        alliances: groupByRegion ? (reg ? reg.alliances : 0) : own ? own.alliances : 0,
        known: inScope,
      });
    }
  }
  const bars = (
    title: string,
    testId: string,
    rows: Array<{ key: string; alliances: number | null }>,
    label: (k: string) => string,
    colour?: (k: string) => string | undefined,
    more?: string,
  ) => (
    <BarTable
      more={more}
      caption={title}
      labelHeader={t("territory.label")}
      valueHeader={t("territory.count")}
      testId={testId}
      rows={rows.map((r) => ({
        key: r.key,
        label: label(r.key),
        value: r.alliances ?? 0,
        display: shown(r.alliances),
        colour: colour?.(r.key),
      }))}
    />
  );
  const title = d.level === "france" ? t("territory.france") : `${d.name} (${d.code})`;
  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">
          {t("territory.title")} — {title}
        </h1>
        <p className="max-w-3xl text-slate-800">{t("territory.intro")}</p>
        <nav aria-label={t("territory.choose")} className="flex flex-wrap gap-3 text-sm">
          <Link href={base}>{t("territory.france")}</Link>
          {d.level === "departement" ? (
            <Link href={`${base}?level=region&code=${index.departements.get(d.code!)?.region}`}>
              {index.regions.get(index.departements.get(d.code!)?.region ?? "")?.name}
            </Link>
          ) : null}
        </nav>
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="t-place" className="block text-sm font-medium">
              {t("territory.choose")}
            </label>
            <select
              id="t-place"
              name="place"
              defaultValue={d.level === "france" ? "" : `${d.level}:${d.code}`}
              className="mt-1 block rounded-md border border-slate-500 bg-white px-3 py-2 focus:outline focus:outline-3 focus:outline-blue-700"
            >
              <option value="">{t("territory.france")}</option>
              <optgroup label={t("territory.region")}>
                {regions.map((r) => (
                  <option key={r.code} value={`region:${r.code}`}>
                    {r.label}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("territory.departement")}>
                {departements.map((dep) => (
                  <option key={dep.code} value={`departement:${dep.code}`}>
                    {dep.label}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
          <FilterSelect
            id="t-mode"
            name="mode"
            label={t("alliances.columns.mode")}
            allLabel={t("dashboard.all")}
            value={filters.mode}
            options={MODES.map((m) => ({ value: m, label: t(`alliance.modes.${m}`) }))}
          />
          <FilterSelect
            id="t-sdgGoal"
            name="sdgGoal"
            label={t("alliances.columns.sdg")}
            allLabel={t("dashboard.all")}
            value={filters.sdgGoal}
            options={SDG_GOALS.map((_, i) => ({
              value: i + 1,
              label: `${i + 1}. ${labelOf(t, "sdg.goals", i + 1)}`,
            }))}
          />
          <FilterSelect
            id="t-stage"
            name="stage"
            label={t("alliances.fields.stage")}
            allLabel={t("dashboard.all")}
            value={filters.stage}
            options={LIFECYCLE_STAGES.map((st) => ({ value: st, label: t(`alliance.lifecycle.${st}`) }))}
          />
          <FilterSelect
            id="t-year"
            name="year"
            label={t("dashboard.year")}
            allLabel={t("dashboard.all")}
            value={filters.year}
            options={Array.from({ length: 10 }, (_, i) => ({ value: thisYear - i, label: String(thisYear - i) }))}
          />
          <button type="submit" formAction={`${base}/go`} className="btn btn-primary">
            {t("territory.show")}
          </button>
        </form>
      </header>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5" data-testid="territory-figures">
        {[
          [t("territory.total"), shown(d.total.alliances), "alliances"],
          [t("territory.organisations"), shown(d.total.organisations), "organisations"],
          [t("territory.contributions"), euros(d.total.cents), "cents"],
          [
            t("territory.hours"),
            d.total.hours === null ? t("territory.hidden") : format.number(d.total.hours),
            "hours",
          ],
          [
            t("territory.per10k"),
            d.per10k === null ? t("territory.hidden") : format.number(d.per10k, { maximumFractionDigits: 2 }),
            "per10k",
          ],
        ].map(([label, value, id]) => (
          <div key={id} className="rounded-md border border-slate-300 bg-white p-3" data-figure={id}>
            <dt className="text-sm text-slate-700">{label}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-700">{t("territory.population", { count: format.number(d.population) })}</p>
      {!d.inside ? <Notice testId="territory-outside">{t("territory.outside")}</Notice> : null}
      {d.inside && d.level !== "france" ? (
        <p>
          <Link href={withFilters(`${base}/reseau?level=${d.level}&code=${d.code}`)}>{t("network.territoryOpen")}</Link>
        </p>
      ) : null}
      <details className="text-sm text-slate-800" data-testid="territory-method">
        <summary className="cursor-pointer font-medium">{t("territory.methodTitle")}</summary>
        <p className="mt-1">{t("territory.method")}</p>
      </details>
      <p className="text-sm text-slate-700" data-testid="territory-freshness">
        {d.refreshedAt
          ? t("territory.refreshedAt", {
              at: formatDate(d.refreshedAt, locale, { dateStyle: "long", timeStyle: "short" }),
            })
          : t("territory.live")}
      </p>

      {d.map.dimension === "departement" ? (
        <section aria-labelledby="map-title" className="space-y-2">
          <h2 id="map-title" className="text-xl font-semibold">
            {t("territory.map")}
          </h2>
          <p className="flex flex-wrap gap-3 text-sm">
            <Link
              href={`${base}${d.level === "france" ? "" : `?level=${d.level}&code=${d.code}`}`}
              aria-current={!groupByRegion ? "page" : undefined}
            >
              {t("territory.departement")}
            </Link>
            <Link
              href={`${base}?${d.level === "france" ? "" : `level=${d.level}&code=${d.code}&`}group=region`}
              aria-current={groupByRegion ? "page" : undefined}
            >
              {t("territory.mapRegions")}
            </Link>
          </p>
          <p className="text-sm">{t("territory.mapHelp")}</p>
          <FranceMap
            label={t("territory.map")}
            cells={cells}
            hrefFor={(c) => withFilters(`${base}?level=departement&code=${c}`)}
            outline={outline}
            focus={d.level === "region" ? new Set(d.map.departements.map((dep) => dep.code)) : undefined}
            hiddenLabel={t("territory.hidden")}
            overseasLabel={t("territory.overseas")}
            countLabel={(c) => t("territory.mapCount", { count: c.alliances ?? 0 })}
          />
          <p className="text-sm">{t("territory.mapLegend")}</p>
          <p className="text-xs text-slate-700">{t("territory.attribution")}</p>
          <table className="w-full max-w-xl border-collapse text-left text-sm" data-testid="map-table">
            <caption className="text-left font-semibold">
              {groupByRegion ? t("territory.mapRegions") : t("territory.map")}
            </caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-1 pr-4">
                  {groupByRegion ? t("territory.region") : t("territory.departement")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("territory.count")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("territory.per10k")}
                </th>
              </tr>
            </thead>
            <tbody>
              {(groupByRegion
                ? d.regions.map((r) => ({
                    key: r.key,
                    name: r.name,
                    alliances: r.alliances,
                    per10k: r.per10k,
                    href: withFilters(`${base}?level=region&code=${r.key}`),
                  }))
                : d.map.cells.map((c) => ({
                    key: c.key,
                    name: c.name,
                    alliances: c.alliances,
                    per10k: c.per10k,
                    href: withFilters(`${base}?level=departement&code=${c.key}`),
                  }))
              ).map((r) => (
                <tr key={r.key} className="border-b border-slate-200">
                  <th scope="row" className="py-1 pr-4 font-normal">
                    <Link href={r.href} aria-label={t("territory.drill", { name: r.name })}>
                      {r.name} ({r.key})
                    </Link>
                  </th>
                  <td className="py-1 pr-4 tabular-nums">{shown(r.alliances)}</td>
                  <td className="py-1 pr-4 tabular-nums">
                    {r.per10k === null ? t("territory.hidden") : format.number(r.per10k, { maximumFractionDigits: 2 })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <section aria-labelledby="places-title" className="gap-6 lg:columns-2 [&>*]:mb-6 [&>*]:break-inside-avoid">
          <h2 id="places-title" className="sr-only">
            {t("territory.communes")}
          </h2>
          {bars(
            t("territory.communes"),
            "communes",
            d.map.cells,
            (k) => d.map.cells.find((c) => c.key === k)?.name ?? k,
          )}
          {d.epci.length ? (
            bars(t("territory.epci"), "epci", d.epci, (k) => d.epci.find((e) => e.key === k)?.name ?? k)
          ) : (
            <p>{t("territory.none")}</p>
          )}
        </section>
      )}

      {/* Columns rather than a grid: each breakdown keeps its own height, so a short one does not leave a hole beside a long one. */}
      <div className="gap-6 lg:columns-2 [&>*]:mb-6 [&>*]:break-inside-avoid">
        {bars(t("territory.byMode"), "t-mode", d.breakdowns.mode, (k) => labelOf(t, "alliance.modes", k))}
        {bars(
          t("territory.byGoal"),
          "t-goal",
          d.breakdowns.goal,
          (k) => `${k}. ${labelOf(t, "sdg.goals", k)}`,
          (k) => SDG_GOALS[Number(k) - 1]?.colour,
        )}
        {bars(
          t("territory.byTarget"),
          "t-target",
          d.breakdowns.target,
          (k) => k,
          undefined,
          t("territory.showTargets", { count: d.breakdowns.target.length }),
        )}
        {bars(t("territory.byKind"), "t-kind", d.breakdowns.kind, (k) => labelOf(t, "alliance.organisationKinds", k))}
        {bars(t("territory.byStage"), "t-stage", d.breakdowns.stage, (k) => labelOf(t, "alliance.lifecycle", k))}
        {bars(t("territory.byYear"), "t-year", d.breakdowns.year, (k) => k)}
      </div>

      <section aria-labelledby="involved-title" className="space-y-2">
        <h2 id="involved-title" className="text-xl font-semibold">
          {t("territory.involved")}
        </h2>
        <p className="text-sm text-slate-800">{t("territory.involvedHelp")}</p>
        {d.organisations.length === 0 ? (
          <p>{t("territory.none")}</p>
        ) : (
          <ol className="list-decimal pl-6 text-sm" data-testid="territory-organisations">
            {d.organisations.map((o) => (
              <li key={o.name}>
                {o.name} ({labelOf(t, "alliance.organisationKinds", o.kind)}) : {o.alliances}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="details-title" className="space-y-2">
        <h2 id="details-title" className="text-xl font-semibold">
          {t("territory.details")}
        </h2>
        {d.alliances.length === 0 ? (
          <p>{t("territory.detailsNone")}</p>
        ) : (
          <ul className="space-y-2" data-testid="territory-alliances">
            {d.alliances.map((a) => (
              <li key={a.id} className="rounded-md border border-slate-300 bg-white p-3">
                <p className="font-medium">{a.title}</p>
                <p className="text-sm">
                  {a.parties} · {a.mode ? labelOf(t, "alliance.modes", a.mode) : "—"} ·{" "}
                  {labelOf(t, "alliance.lifecycle", a.stage)}
                </p>
                {a.summary ? <p className="text-sm text-slate-800">{a.summary}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
