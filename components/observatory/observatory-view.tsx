import Link from "next/link";
import { getFormatter, getTranslations } from "@/server/i18n/server-translations";
import { BarTable } from "@/components/dashboards/bar-table";
import { DataTable } from "@/components/ui/data-table";
import { DescriptionList } from "@/components/ui/description-list";
import { FilterBar } from "@/components/ui/filter-bar";
import { FilterSelect } from "@/components/ui/filter-select";
import { Section } from "@/components/ui/section";
import { MODES } from "@/domain/alliances";
import {
  HIGHLIGHTED_TARGETS,
  OBSERVATORY_DELAY_BANDS,
  OBSERVATORY_TABLE_NAMES,
  OBSERVATORY_TABLES,
  REFERENCE_STUDY,
  type ObservatoryRow,
} from "@/domain/observatory";
import { SDG_GOALS } from "@/domain/sdg";
import { territory } from "@/domain/territory-data";
import { labelOf, messageOr } from "@/messages/labels";
import type { RouterOutputs } from "@/server/trpc/types";

type Observatory = RouterOutputs["observatory"]["get"];

/** Where a scope's page lives: France, a région or a goal. */
export function observatoryHref(scope: string, code: string) {
  return scope === "region"
    ? `/observatoire/regions/${code}`
    : scope === "goal"
      ? `/observatoire/odd/${code}`
      : "/observatoire";
}

/**
 * The observatory of one scope, every table as published: charts where a picture reads faster
 * (bars, the map), each with its numbers in a table for screen readers and keyboards; the
 * reference study beside the live figures; the open-data links and the method.
 */
export async function ObservatoryView({ data }: { data: Observatory }) {
  const t = await getTranslations();
  const format = await getFormatter();
  const o = (key: string, values?: Record<string, string | number>) => messageOr(t, `observatory.${key}`, key, values);
  const hidden = o("hidden");
  const count = (n: number | null | undefined) => (n === null || n === undefined ? hidden : format.number(n));
  const euros = (cents: number | null) =>
    cents === null
      ? hidden
      : format.number(cents / 100, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  const percent = (share: number | null) =>
    share === null ? hidden : format.number(share, { style: "percent", maximumFractionDigits: 1 });
  const rows = (table: keyof Observatory["tables"]) => data.tables[table] ?? [];
  const total = data.total;
  const base = observatoryHref(data.scope, data.code);
  const fileQuery = data.scope === "france" ? "" : `&scope=${data.scope}&code=${data.code}`;
  const goalLabel = (k: string | number) => `${k}. ${labelOf(t, "sdg.goals", k)}`;
  const bars = (
    caption: string,
    testId: string,
    list: ObservatoryRow[],
    label: (k: string) => string,
    colour?: (k: string) => string | undefined,
  ) => (
    <BarTable
      caption={caption}
      labelHeader={o("table")}
      valueHeader={o("alliances")}
      testId={testId}
      rows={list.map((r) => ({
        key: r.key,
        label: label(r.key),
        value: r.alliances ?? 0,
        display: count(r.alliances),
        colour: colour?.(r.key),
      }))}
    />
  );
  const modeRows = rows("mode");
  const modeTotal = modeRows.reduce((sum, r) => sum + (r.alliances ?? 0), 0);
  const targets = rows("target");
  const highlighted = targets.filter((r) => (HIGHLIGHTED_TARGETS as readonly string[]).includes(r.key));
  const index = territory();
  const trajectories = rows("trajectory");
  const delays = new Map(rows("trajectory_delay").map((r) => [r.key, r.alliances]));
  const goalColour = (k: string) => SDG_GOALS.find((g) => String(g.number) === k)?.colour;

  return (
    <div className="space-y-10">
      <div className="space-y-3">
        <p className="text-sm text-slate-800" data-testid="observatory-date">
          {data.refreshedAt
            ? o("asOf", { date: format.dateTime(data.refreshedAt, { dateStyle: "long" }) })
            : o("notYet")}
        </p>
        <p className="max-w-3xl rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-slate-900">
          {o("whose")}
        </p>
        <FilterBar
          label={o("choose")}
          applyLabel={o("show")}
          resetLabel={o("backToFrance")}
          resetHref="/observatoire"
          columns="sm:grid-cols-3"
        >
          <FilterSelect
            id="observatory-region"
            name="region"
            label={o("region")}
            allLabel={o("all")}
            value={data.scope === "region" ? data.code : null}
            options={data.regions.map((r) => ({ value: r.code, label: r.name }))}
          />
          <FilterSelect
            id="observatory-goal"
            name="odd"
            label={o("goal")}
            allLabel={o("allGoals")}
            value={data.scope === "goal" ? data.code : null}
            options={SDG_GOALS.map((g) => ({ value: g.number, label: goalLabel(g.number) }))}
          />
        </FilterBar>
      </div>

      <Section id="key-figures" title={o("keyFigures")} testId="observatory-key-figures">
        <DescriptionList
          items={[
            { term: o("alliances"), detail: count(total?.alliances), testId: "observatory-alliances" },
            { term: o("organisations"), detail: count(total?.organisations) },
            { term: o("valued"), detail: euros(total?.cents ?? null) },
            {
              term: o("hours"),
              detail: count(total?.hours === null || total?.hours === undefined ? null : Math.round(total.hours)),
            },
            {
              term: o("evaluatedShare"),
              detail: `${data.evaluatedShare === null ? o("hiddenShare") : percent(data.evaluatedShare)} (${o("referenceEvaluated")})`,
            },
          ]}
        />
      </Section>

      <Section id="modes" title={o("byMode")} intro={o("referenceNote")} testId="observatory-modes">
        <DataTable
          caption={o("byMode")}
          rows={MODES.map((m) => modeRows.find((r) => r.key === m) ?? ({ key: m, alliances: 0 } as ObservatoryRow))}
          rowKey={(r) => r.key}
          columns={[
            { key: "mode", header: o("mode"), cell: (r) => labelOf(t, "alliance.modes", r.key), rowHeader: true },
            { key: "alliances", header: o("alliances"), cell: (r) => count(r.alliances), className: "tabular-nums" },
            {
              key: "share",
              header: o("share"),
              cell: (r) => (r.alliances === null || !modeTotal ? hidden : percent(r.alliances / modeTotal)),
              className: "tabular-nums",
            },
            {
              key: "reference",
              header: o("reference"),
              cell: (r) => percent(REFERENCE_STUDY.modes[r.key as (typeof MODES)[number]] ?? null),
              className: "tabular-nums",
            },
          ]}
        />
      </Section>

      {data.scope !== "goal" ? (
        <Section id="goals" title={o("byGoal")} testId="observatory-goals">
          {bars(o("byGoal"), "observatory-goal-bars", rows("goal"), goalLabel, goalColour)}
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={o("goals")}>
            {SDG_GOALS.map((g) => (
              <li key={g.number}>
                <Link href={`/observatoire/odd/${g.number}`}>{goalLabel(g.number)}</Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {targets.length ? (
        <Section id="targets" title={o("byTarget")} testId="observatory-targets">
          {data.scope === "france" || data.code === "17" ? (
            <div className="rounded-md border border-blue-300 bg-blue-50 p-3" data-testid="observatory-highlighted">
              <h3 className="font-semibold">{o("highlighted")}</h3>
              <p className="text-sm">{o("highlightedHelp")}</p>
              <ul className="mt-2 text-sm">
                {HIGHLIGHTED_TARGETS.map((k) => (
                  <li key={k}>
                    <strong>{k}</strong> · {labelOf(t, "sdg.targets", k)} :{" "}
                    {count(highlighted.find((r) => r.key === k)?.alliances ?? 0)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {data.scope === "goal" ? (
            <DataTable
              caption={o("byTarget")}
              rows={targets}
              rowKey={(r) => r.key}
              columns={[
                {
                  key: "target",
                  header: o("target"),
                  cell: (r) => r.key,
                  rowHeader: true,
                  className: "whitespace-nowrap",
                },
                { key: "label", header: "", cell: (r) => labelOf(t, "sdg.targets", r.key) },
                {
                  key: "alliances",
                  header: o("alliances"),
                  cell: (r) => count(r.alliances),
                  className: "tabular-nums",
                },
              ]}
            />
          ) : (
            <p className="text-sm">{o("targetsOnGoals")}</p>
          )}
        </Section>
      ) : null}

      <Section id="kinds" title={o("byKind")} testId="observatory-kinds">
        <DataTable
          caption={o("byKind")}
          rows={rows("kind")}
          rowKey={(r) => r.key}
          columns={[
            {
              key: "kind",
              header: o("kind"),
              cell: (r) => labelOf(t, "alliance.organisationKinds", r.key),
              rowHeader: true,
            },
            {
              key: "alliances",
              header: o("kindAlliances"),
              cell: (r) => count(r.alliances),
              className: "tabular-nums",
            },
            {
              key: "organisations",
              header: o("kindOrganisations"),
              cell: (r) => count(rows("orgkind").find((k) => k.key === r.key)?.organisations),
              className: "tabular-nums",
            },
          ]}
        />
      </Section>

      <Section id="where" title={o("where")} testId="observatory-where">
        {data.scope !== "goal" ? (
          <>
            {/* The map is an image of the table below (same figures, with links): the page stays light. */}
            {/* eslint-disable-next-line @next/next/no-img-element -- an SVG drawn by the app, cached apart */}
            <img
              src={`/observatoire/carte${data.scope === "region" ? `?region=${data.code}` : ""}`}
              alt={o(data.scope === "region" ? "mapAltRegion" : "mapAlt")}
              width={700}
              height={600}
              className="h-auto w-full max-w-2xl"
              data-testid="observatory-map"
            />
            <p className="text-sm">{t("territory.mapLegend")}</p>
            <p className="text-xs text-slate-700">{t("territory.attribution")}</p>
          </>
        ) : null}
        {data.scope !== "region" ? (
          <DataTable
            caption={o("byRegion")}
            showCaption
            testId="observatory-regions"
            rows={rows("region")}
            rowKey={(r) => r.key}
            columns={[
              {
                key: "region",
                header: o("region"),
                rowHeader: true,
                cell: (r) =>
                  index.regions.has(r.key) ? (
                    <Link href={`/observatoire/regions/${r.key}`}>{data.names.region[r.key]}</Link>
                  ) : (
                    data.names.region[r.key]
                  ),
              },
              { key: "alliances", header: o("alliances"), cell: (r) => count(r.alliances), className: "tabular-nums" },
              {
                key: "organisations",
                header: o("organisations"),
                cell: (r) => count(r.organisations),
                className: "tabular-nums",
              },
            ]}
          />
        ) : null}
        {data.scope === "france" ? (
          <p className="text-sm">
            {o("departementsElsewhere")}{" "}
            <a href={`/api/observatoire/departement?format=csv&download=1`}>
              CSV<span className="sr-only"> — {o("byDepartement")}</span>
            </a>
          </p>
        ) : null}
        {data.scope === "region" ? (
          <DataTable
            caption={o("byDepartement")}
            showCaption
            testId="observatory-departements"
            rows={rows("departement")}
            rowKey={(r) => r.key}
            columns={[
              {
                key: "code",
                header: o("departement"),
                rowHeader: true,
                cell: (r) => `${r.key} ${data.names.departement[r.key]}`,
              },
              {
                key: "alliances",
                header: o("alliances"),
                cell: (r) => count(r.alliances),
                className: "tabular-nums",
              },
              {
                key: "organisations",
                header: o("organisations"),
                cell: (r) => count(r.organisations),
                className: "tabular-nums",
              },
            ]}
          />
        ) : null}
      </Section>

      <Section id="years" title={o("byYear")} testId="observatory-years">
        {bars(o("byYear"), "observatory-year-bars", rows("year"), (k) => k)}
      </Section>

      <Section
        id="trajectories"
        title={o("trajectories")}
        intro={o("trajectoriesHelp")}
        testId="observatory-trajectories"
      >
        {trajectories.length ? (
          <DataTable
            caption={o("trajectories")}
            rows={trajectories}
            rowKey={(r) => r.key}
            columns={[
              {
                key: "from",
                header: o("from"),
                rowHeader: true,
                cell: (r) => labelOf(t, "alliance.modes", r.key.split(">")[0]!),
              },
              { key: "to", header: o("to"), cell: (r) => labelOf(t, "alliance.modes", r.key.split(">")[1]!) },
              { key: "alliances", header: o("alliances"), cell: (r) => count(r.alliances), className: "tabular-nums" },
              ...(data.scope === "france"
                ? OBSERVATORY_DELAY_BANDS.map((band) => ({
                    key: band,
                    header: `${o("delay")} ${o(`delays.${band}`)}`,
                    cell: (r: ObservatoryRow) => {
                      const n = delays.get(`${r.key}:${band}`);
                      return n === undefined ? "0" : count(n);
                    },
                    className: "tabular-nums",
                  }))
                : []),
            ]}
          />
        ) : (
          <p className="text-sm">{o("trajectoriesNone")}</p>
        )}
      </Section>

      <Section id="evaluation" title={o("evaluation")} intro={o("evaluationHelp")} testId="observatory-evaluation">
        <p className="text-sm">
          {o("evaluatedShare")} :{" "}
          <strong data-testid="observatory-evaluated-share">
            {data.evaluatedShare === null ? o("hiddenShare") : percent(data.evaluatedShare)}
          </strong>{" "}
          · {o("referenceEvaluated")}
        </p>
        <DataTable
          caption={o("evaluation")}
          rows={rows("score")}
          rowKey={(r) => r.key}
          columns={[
            {
              key: "dimension",
              header: o("dimension"),
              rowHeader: true,
              cell: (r) => labelOf(t, "alliance.impacts", r.key),
            },
            {
              key: "alliances",
              header: o("evaluatedAlliances"),
              cell: (r) => count(r.alliances),
              className: "tabular-nums",
            },
            {
              key: "score",
              header: o("score"),
              cell: (r) => (r.score === null ? hidden : format.number(r.score, { maximumFractionDigits: 1 })),
              className: "tabular-nums",
            },
          ]}
        />
      </Section>

      <Section id="natures" title={o("natures")} testId="observatory-natures">
        <DataTable
          caption={o("natures")}
          rows={rows("nature")}
          rowKey={(r) => r.key}
          columns={[
            {
              key: "nature",
              header: o("nature"),
              rowHeader: true,
              cell: (r) => labelOf(t, "alliance.contributionKinds", r.key),
            },
            { key: "alliances", header: o("alliances"), cell: (r) => count(r.alliances), className: "tabular-nums" },
            { key: "amount", header: o("amount"), cell: (r) => euros(r.cents), className: "tabular-nums" },
            {
              key: "hours",
              header: o("hours"),
              cell: (r) => (r.hours ? count(Math.round(r.hours)) : r.hours === null ? hidden : "—"),
              className: "tabular-nums",
            },
          ]}
        />
      </Section>

      <Section id="open-data" title={o("openData")} intro={o("openDataHelp")} testId="observatory-open-data">
        <p className="flex flex-wrap gap-4 text-sm">
          <Link href="/observatoire/donnees">{o("dictionary")}</Link>
          <a
            href={`/observatoire/etat-des-lieux${data.scope === "france" ? "" : `?scope=${data.scope}&code=${data.code}`}`}
          >
            {o("pdf")}
          </a>
        </p>
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {OBSERVATORY_TABLE_NAMES.filter((name) =>
            (OBSERVATORY_TABLES[name].scopes as readonly string[]).includes(data.scope),
          ).map((name) => (
            <li key={name}>
              {o(`tables.${name}`)} :{" "}
              <a
                href={`/api/observatoire/${name}?format=csv&download=1${fileQuery}`}
                data-testid={`download-${name}-csv`}
              >
                CSV<span className="sr-only"> — {o(`tables.${name}`)}</span>
              </a>{" "}
              ·{" "}
              <a href={`/api/observatoire/${name}?download=1${fileQuery}`}>
                JSON<span className="sr-only"> — {o(`tables.${name}`)}</span>
              </a>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="method" title={o("methodTitle")} testId="observatory-method">
        <p className="max-w-3xl text-sm text-slate-800">{o("method")}</p>
        <p className="text-sm">
          <Link href={base}>{o("title")}</Link>
        </p>
      </Section>
    </div>
  );
}
