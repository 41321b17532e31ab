import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "@/server/i18n/server-translations";
import { allianceFormOptions } from "@/components/alliances/form-options";
import { PublicAllianceCard } from "@/components/library/alliance-card";
import { FilterBar } from "@/components/ui/filter-bar";
import { FilterSelect } from "@/components/ui/filter-select";
import { MODES } from "@/domain/alliances";
import { SDG_GOALS } from "@/domain/sdg";
import { serverCaller } from "@/server/trpc/server-caller";
import { LibraryFilters } from "@/server/services/library/schemas";
import { labelOf } from "@/messages/labels";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("library");
  return {
    title: t("title"),
    description: t("metaDescription"),
    openGraph: { title: t("title"), description: t("metaDescription"), type: "website" },
  };
}

function query(filters: LibraryFilters, page: number) {
  const q = new URLSearchParams();
  if (filters.mode) q.set("mode", filters.mode);
  if (filters.goal) q.set("goal", String(filters.goal));
  if (filters.region) q.set("region", filters.region);
  if (page > 1) q.set("page", String(page));
  return q.size ? `?${q}` : "";
}

/** The public library: alliances every party chose to publish, open to anyone, filtered in SQL. */
export default async function LibraryPage({ searchParams }: Props) {
  const raw = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const filters = LibraryFilters.parse({
    mode: first(raw.mode),
    goal: first(raw.goal),
    region: first(raw.region),
    page: first(raw.page),
  });
  const result = await (await serverCaller()).library.list(filters);
  const t = await getTranslations();
  const options = allianceFormOptions(result.items.flatMap((a) => a.places.map((p) => p.code)));
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("library.title")}</h1>
        <p className="max-w-3xl text-slate-800">{t("library.intro")}</p>
      </header>
      <FilterBar
        label={t("library.filters")}
        applyLabel={t("library.apply")}
        resetLabel={t("library.reset")}
        resetHref={"/bibliotheque"}
        columns="sm:grid-cols-4"
      >
        <FilterSelect
          id="lib-mode"
          name="mode"
          label={t("library.mode")}
          allLabel={t("library.all")}
          value={filters.mode}
          options={MODES.map((m) => ({ value: m, label: t(`alliance.modes.${m}`) }))}
        />
        <FilterSelect
          id="lib-goal"
          name="goal"
          label={t("library.goal")}
          allLabel={t("library.all")}
          value={filters.goal}
          options={SDG_GOALS.map((_, i) => ({ value: i + 1, label: `${i + 1}. ${labelOf(t, "sdg.goals", i + 1)}` }))}
        />
        <FilterSelect
          id="lib-region"
          name="region"
          label={t("library.region")}
          allLabel={t("library.all")}
          value={filters.region}
          options={options.regions.map((r) => ({ value: r.code, label: r.label }))}
        />
      </FilterBar>
      <p role="status" data-testid="library-count">
        {t("library.count", { count: result.total })}
      </p>
      {result.items.length === 0 ? (
        <p>{t("library.empty")}</p>
      ) : (
        <div className="space-y-4" data-testid="library-list">
          {result.items.map((a) => (
            <PublicAllianceCard key={a.id} alliance={a} placeLabels={options.placeLabels} />
          ))}
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("library.pageOf", { page: result.page, pages })} className="flex items-center gap-4">
          {result.page > 1 ? (
            <Link href={`/bibliotheque${query(filters, result.page - 1)}`}>{t("library.previous")}</Link>
          ) : null}
          <span>{t("library.pageOf", { page: result.page, pages })}</span>
          {result.page < pages ? (
            <Link href={`/bibliotheque${query(filters, result.page + 1)}`}>{t("library.next")}</Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
