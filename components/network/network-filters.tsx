import { getTranslations } from "@/server/i18n/server-translations";
import { FilterBar } from "@/components/ui/filter-bar";
import { FilterSelect } from "@/components/ui/filter-select";
import { LIFECYCLE_STAGES, MODES } from "@/domain/alliances";
import { labelOf } from "@/messages/labels";
import type { NetworkFilters } from "@/server/services/network/schemas";

/** The network's filters as a GET form (mode, SDG goal, stage, year), with the fields that keep the area of a territory's network. */
export async function NetworkFilterBar({
  filters,
  resetHref,
  keep = {},
}: {
  filters: NetworkFilters;
  resetHref: string;
  keep?: Record<string, string>;
}) {
  const t = await getTranslations();
  const thisYear = new Date().getUTCFullYear();
  return (
    <FilterBar
      label={t("network.filters")}
      applyLabel={t("network.filter")}
      resetLabel={t("network.reset")}
      resetHref={resetHref}
      columns="sm:grid-cols-2 lg:grid-cols-5"
    >
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FilterSelect
        id="network-mode"
        name="mode"
        label={t("network.mode")}
        allLabel={t("network.all")}
        value={filters.mode}
        options={MODES.map((m) => ({ value: m, label: labelOf(t, "alliance.modes", m) }))}
      />
      <FilterSelect
        id="network-goal"
        name="sdgGoal"
        label={t("network.goal")}
        allLabel={t("network.all")}
        value={filters.sdgGoal}
        options={Array.from({ length: 17 }, (_, i) => ({
          value: i + 1,
          label: `${i + 1}. ${labelOf(t, "sdg.goals", i + 1)}`,
        }))}
      />
      <FilterSelect
        id="network-stage"
        name="stage"
        label={t("network.stage")}
        allLabel={t("network.all")}
        value={filters.stage}
        options={LIFECYCLE_STAGES.map((s) => ({ value: s, label: labelOf(t, "alliance.lifecycle", s) }))}
      />
      <FilterSelect
        id="network-year"
        name="year"
        label={t("network.year")}
        allLabel={t("network.all")}
        value={filters.year}
        options={Array.from({ length: 12 }, (_, i) => ({ value: thisYear - i, label: String(thisYear - i) }))}
      />
    </FilterBar>
  );
}
