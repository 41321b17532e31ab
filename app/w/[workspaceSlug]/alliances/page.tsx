import type { Metadata } from "next";
import { formatDate } from "@/domain/dates";
import Link from "next/link";
import { ExportLink } from "@/components/ui/export-link";
import { MoreFilters } from "@/components/alliances/more-filters";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { Suspense } from "react";
import { CoOwnershipInbox, MentionRequests } from "@/components/alliances/co-ownership";
import { allianceFormOptions } from "@/components/alliances/form-options";
import { FilterChips } from "@/components/alliances/filter-chips";
import {
  activeFilterChips,
  filtersFromSearchParams,
  listHref,
  VISIBLE_FILTERS,
} from "@/components/alliances/list-filters";
import { SavedViews } from "@/components/alliances/saved-views";
import { AllianceRows } from "@/components/alliances/alliance-rows";
import { SelectField, TextField } from "@/components/ui/field";
import { ENTRY_DOORS, LIFECYCLE_STAGES, MECENAT_FORMS, MODES } from "@/domain/alliances";
import type { StatusLight } from "@/domain/evaluation";
import { ORGANISATION_KINDS } from "@/domain/identifiers";
import { can } from "@/domain/roles";
import { SDG_GOALS } from "@/domain/sdg";
import type { SORTABLE } from "@/server/services/alliances/schemas";
import { Pager } from "@/components/ui/pager";
import { readOrNotFound, serverCaller, readWorkspace } from "@/server/trpc/server-caller";
import { labelOf } from "@/messages/labels";

type Props = {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alliances"))("title") };
}

export default async function AlliancesPage({ params, searchParams }: Props) {
  const { workspaceSlug } = await params;
  const filters = filtersFromSearchParams(await searchParams);
  // What an export job keeps of the list's filters: all but sorting and paging.
  const { sort: _sort, direction: _direction, page: _page, pageSize: _pageSize, ...exportFilters } = filters;
  const t = await getTranslations();
  const locale = await getLocale();
  const caller = await serverCaller();
  // The frame (workspace) and the page's own reads: two calls, each one transaction, side by side.
  // The partner filter asks for partners as the person types; only the chosen one is named here.
  const [workspace, { list: result, views, incoming, mentions, atRisk, partner }] = await Promise.all([
    readOrNotFound(() => readWorkspace(workspaceSlug)),
    readOrNotFound(() => caller.alliances.listPage({ workspaceSlug, ...filters })),
  ]);
  const base = `/w/${workspaceSlug}/alliances`;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const { regions, departements } = allianceFormOptions();
  const any = { value: "", label: t("alliances.any") };
  const options = (keys: readonly string[], prefix: string) => [
    any,
    ...keys.map((k) => ({ value: k, label: labelOf(t, prefix, k) })),
  ];
  const chips = activeFilterChips(filters, {
    field: (key) => t(`alliances.chips.${key}`),
    value: (key, value) => {
      switch (key) {
        case "stage":
          return labelOf(t, "alliance.lifecycle", value);
        case "mode":
          return labelOf(t, "alliance.modes", value);
        case "mecenatForm":
          return labelOf(t, "alliance.mecenatForms", value);
        case "entryDoor":
          return labelOf(t, "alliance.entryDoors", value);
        case "partnerKind":
          return labelOf(t, "alliance.organisationKinds", value);
        case "guide":
          return labelOf(t, "guide.filterValues", value);
        case "sdgGoal":
          return `${value}. ${labelOf(t, "sdg.goals", value)}`;
        case "region":
          return regions.find((r) => r.code === value)?.label ?? value;
        case "departement":
          return departements.find((d) => d.code === value)?.label ?? value;
        case "partnerId":
          return partner?.id === value ? partner.name : value;
        case "from":
        case "to":
          return formatDate(value, locale, { dateStyle: "medium" });
        case "archived":
          return t("alliances.chips.archivedValue");
        default:
          return value;
      }
    },
  });
  const hiddenActive = chips.filter((c) => !VISIBLE_FILTERS.includes(c.key)).length;

  const sortHeader = (column: (typeof SORTABLE)[number], label: string) => {
    const active = filters.sort === column;
    const nextDirection = active && filters.direction === "asc" ? "desc" : "asc";
    return (
      <th scope="col" aria-sort={active ? (filters.direction === "asc" ? "ascending" : "descending") : undefined}>
        <Link
          href={listHref(base, filters, { sort: column, direction: nextDirection })}
          aria-label={t("alliances.sortBy", { column: label })}
        >
          {label}
          {active ? <span aria-hidden="true">{filters.direction === "asc" ? " ▲" : " ▼"}</span> : null}
        </Link>
      </th>
    );
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("alliances.title")}</h1>
        {can(workspace.myRole, "alliances.write") ? (
          <div className="flex flex-wrap items-center gap-3">
            <Link href={`${base}/import`} className="btn btn-secondary">
              {t("alliances.importLink")}
            </Link>
            <Link href={`${base}/new`} className="btn btn-primary">
              {t("alliances.new")}
            </Link>
          </div>
        ) : null}
      </div>

      <CoOwnershipInbox
        workspaceSlug={workspaceSlug}
        invitations={incoming}
        canAnswer={can(workspace.myRole, "alliances.share")}
      />
      <MentionRequests
        workspaceSlug={workspaceSlug}
        requests={mentions}
        canAnswer={can(workspace.myRole, "alliances.share")}
      />

      <form
        // A new form for new filters: its fields are uncontrolled, and a chip's link or a saved view
        // navigates without reloading, so the old form would keep the values of the filters it left.
        key={JSON.stringify(filters)}
        method="get"
        action={base}
        className="space-y-3 rounded-md border border-slate-300 bg-white p-4"
        aria-labelledby="filters-title"
      >
        <h2 id="filters-title" className="text-lg font-semibold">
          {t("alliances.filters")}
        </h2>
        {/* Search and the three filters people use most stay in sight; the rest wait behind "Plus de filtres". */}
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <TextField id="f-q" name="q" type="search" label={t("alliances.search")} defaultValue={filters.q ?? ""} />
          <SelectField
            id="f-stage"
            name="stage"
            label={t("alliances.fields.stage")}
            defaultValue={filters.stage ?? ""}
            options={options(LIFECYCLE_STAGES, "alliance.lifecycle")}
          />
          <SelectField
            id="f-mode"
            name="mode"
            label={t("alliances.fields.mode")}
            defaultValue={filters.mode ?? ""}
            options={options(MODES, "alliance.modes")}
          />
          <SelectField
            id="f-sdg"
            name="sdgGoal"
            label={t("alliances.columns.sdg")}
            defaultValue={filters.sdgGoal ? String(filters.sdgGoal) : ""}
            options={[
              any,
              ...SDG_GOALS.map((g) => ({
                value: String(g.number),
                label: `${g.number}. ${labelOf(t, "sdg.goals", g.number)}`,
              })),
            ]}
          />
        </div>
        <MoreFilters
          summary={
            hiddenActive > 0 ? t("alliances.moreFiltersActive", { count: hiddenActive }) : t("alliances.moreFilters")
          }
          initiallyOpen={hiddenActive > 0}
          workspaceSlug={workspaceSlug}
          fields={[
            {
              kind: "select",
              id: "f-form",
              name: "mecenatForm",
              label: t("alliances.fields.mecenatForms"),
              value: filters.mecenatForm ?? "",
              options: options(MECENAT_FORMS, "alliance.mecenatForms"),
            },
            {
              kind: "select",
              id: "f-door",
              name: "entryDoor",
              label: t("alliances.fields.entryDoors"),
              value: filters.entryDoor ?? "",
              options: options(ENTRY_DOORS, "alliance.entryDoors"),
            },
            {
              kind: "text",
              id: "f-target",
              name: "sdgTarget",
              label: `${t("alliances.fields.sdg")} (ex. 17.17)`,
              value: filters.sdgTarget ?? "",
            },
            // The places' options are asked for by the browser when it draws the fields
            // (/api/places); the page names only the chosen one.
            {
              kind: "places",
              id: "f-region",
              name: "region",
              label: t("alliances.fields.region"),
              anyLabel: any.label,
              chosen: regions.find((r) => r.code === filters.region),
            },
            {
              kind: "places",
              id: "f-dep",
              name: "departement",
              label: t("alliances.fields.departement"),
              anyLabel: any.label,
              chosen: departements.find((d) => d.code === filters.departement),
            },
            {
              kind: "partner",
              label: t("alliances.fields.partnerFilter"),
              initial: partner ? { id: partner.id, name: partner.name } : null,
            },
            {
              kind: "select",
              id: "f-kind",
              name: "partnerKind",
              label: t("alliances.fields.partnerKind"),
              value: filters.partnerKind ?? "",
              options: options(ORGANISATION_KINDS, "alliance.organisationKinds"),
            },
            {
              kind: "select",
              id: "f-guide",
              name: "guide",
              label: t("guide.filter"),
              value: filters.guide ?? "",
              options: [
                any,
                { value: "incomplete", label: labelOf(t, "guide.filterValues", "incomplete") },
                { value: "complete", label: labelOf(t, "guide.filterValues", "complete") },
              ],
            },
            { kind: "text", id: "f-tag", name: "tag", label: t("alliances.fields.tags"), value: filters.tag ?? "" },
            {
              kind: "text",
              id: "f-from",
              name: "from",
              type: "date",
              label: t("alliances.fields.startsOn"),
              value: filters.from ?? "",
            },
            {
              kind: "text",
              id: "f-to",
              name: "to",
              type: "date",
              label: t("alliances.fields.endsOn"),
              value: filters.to ?? "",
            },
            { kind: "checkbox", name: "archived", label: t("alliances.archivedOnly"), checked: filters.archived },
          ]}
        />
        <div className="flex flex-wrap items-center gap-4">
          {filters.sort !== "updatedAt" ? <input type="hidden" name="sort" value={filters.sort} /> : null}
          {filters.sort !== "updatedAt" || filters.direction !== "desc" ? (
            <input type="hidden" name="direction" value={filters.direction} />
          ) : null}
          <button type="submit" className="btn btn-primary">
            {t("alliances.apply")}
          </button>
        </div>
      </form>
      <FilterChips base={base} filters={filters} chips={chips} />

      <Suspense>
        <SavedViews workspaceSlug={workspaceSlug} views={views} />
      </Suspense>

      {atRisk > 0 ? (
        <p>
          <Link href={`${base}/at-risk`} className="font-medium">
            {t("risk.link", { count: atRisk })}
          </Link>
        </p>
      ) : null}
      <nav aria-label={t("alliances.exportTitle")} className="flex flex-wrap items-start gap-4 text-sm">
        <span className="font-medium">{t("alliances.exportTitle")} :</span>
        {(["csv", "xlsx"] as const).map((f) => {
          const href = listHref(`${base}/export`, filters, {});
          return (
            <ExportLink
              key={f}
              href={`${href}${href.includes("?") ? "&" : "?"}format=${f}`}
              label={t(`alliances.export.${f}`)}
              job={{ workspaceSlug, kind: "alliances", format: f, filters: exportFilters }}
            />
          );
        })}
        {(["csv", "xlsx"] as const).map((f) => {
          const href = listHref(`${base}/export`, filters, {});
          return (
            <ExportLink
              key={`ledger-${f}`}
              href={`${href}${href.includes("?") ? "&" : "?"}table=ledger&format=${f}`}
              label={t(`alliances.export.ledger.${f}`)}
              job={{ workspaceSlug, kind: "ledger", format: f, filters: exportFilters }}
            />
          );
        })}
      </nav>
      <p role="status" data-testid="alliance-count">
        {t("alliances.count", { count: result.total })}
      </p>
      {result.items.length === 0 ? (
        <p>{t("alliances.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="cells-roomy w-full border-collapse text-left text-sm" data-testid="alliances-table">
            <caption className="sr-only">{t("alliances.title")}</caption>
            <thead>
              <tr className="border-b border-slate-400">
                {sortHeader("title", t("alliances.columns.title"))}
                {sortHeader("partners", t("alliances.columns.partners"))}
                {sortHeader("mode", t("alliances.columns.mode"))}
                {sortHeader("stage", t("alliances.columns.stage"))}
                {sortHeader("sdg", t("alliances.columns.sdg"))}
                {sortHeader("startsOn", t("alliances.columns.startsOn"))}
                {sortHeader("updatedAt", t("alliances.columns.updatedAt"))}
                <th scope="col">{t("guide.column")}</th>
                <th scope="col">{t("evaluation.column")}</th>
              </tr>
            </thead>
            <AllianceRows
              base={base}
              rows={result.items.map((a) => ({
                id: a.id,
                title: a.title,
                partners: a.partners.join(", "),
                mode: a.currentMode ? labelOf(t, "alliance.modes", a.currentMode) : "—",
                stage: t(`alliance.lifecycle.${a.stage}`),
                goals: a.goals,
                primaryGoal: a.primaryGoal,
                startsOn: a.startsOn ? formatDate(new Date(a.startsOn), locale, { dateStyle: "medium" }) : "—",
                updatedAt: formatDate(a.updatedAt, locale, { dateStyle: "medium" }),
                guide: a.guide,
                light: a.evaluation,
              }))}
              goalNames={Object.fromEntries(
                [...new Set(result.items.flatMap((a) => a.goals))].map((g) => [
                  g,
                  `${t("sdg.goal", { number: g })} ${labelOf(t, "sdg.goals", g)}`,
                ]),
              )}
              guideLabels={Object.fromEntries(
                result.items.flatMap((a) =>
                  a.guide ? [[`${a.guide.answered}/${a.guide.total}`, t("guide.columnLabel", { ...a.guide })]] : [],
                ),
              )}
              lights={
                Object.fromEntries(
                  [...new Set(result.items.map((a) => a.evaluation))].map((light) => [
                    light,
                    { short: t(`evaluation.lightShort.${light}`), long: t(`evaluation.light.${light}`) },
                  ]),
                ) as Record<StatusLight, { short: string; long: string }>
              }
            />
          </table>
        </div>
      )}
      <Pager page={result.page} pages={pages} href={(page) => listHref(base, filters, { page })} />
    </div>
  );
}
