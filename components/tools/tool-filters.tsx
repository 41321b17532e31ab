import { getTranslations } from "@/server/i18n/server-translations";
import { ENTRY_DOORS, LIFECYCLE_STAGES } from "@/domain/alliances";
import { TOOL_AUDIENCES, TOOL_LANGUAGES, TOOL_PURPOSES } from "@/domain/toolbox";
import { FilterBar } from "@/components/ui/filter-bar";
import { FilterSelect } from "@/components/ui/filter-select";
import { labelOf } from "@/messages/labels";
import type { ToolFilters as Filters } from "@/server/services/tools/schemas";

/** The toolbox's GET filters: door, purpose, kind of organisation, stage, language and words. */
export async function ToolFilters({ filters, resetHref }: { filters: Filters; resetHref: string }) {
  const t = await getTranslations();
  const options = (keys: readonly string[], prefix: string) =>
    keys.map((k) => ({ value: k, label: labelOf(t, prefix, k) }));
  return (
    <FilterBar
      label={t("tools.filtersLabel")}
      applyLabel={t("tools.apply")}
      resetLabel={t("tools.reset")}
      resetHref={resetHref}
    >
      <div>
        <label htmlFor="tool-q" className="block text-sm font-medium">
          {t("tools.search")}
        </label>
        <input
          id="tool-q"
          name="q"
          type="search"
          defaultValue={filters.q ?? ""}
          className="mt-1 block w-full max-w-xs rounded-md border border-slate-500 bg-white px-3 py-2 focus:outline focus:outline-3 focus:outline-blue-700"
        />
      </div>
      <FilterSelect
        id="tool-door"
        name="door"
        label={t("tools.door")}
        allLabel={t("tools.any")}
        value={filters.door}
        options={options(ENTRY_DOORS, "alliance.entryDoors")}
      />
      <FilterSelect
        id="tool-purpose"
        name="purpose"
        label={t("tools.purpose")}
        allLabel={t("tools.any")}
        value={filters.purpose}
        options={options(TOOL_PURPOSES, "tools.purposes")}
      />
      <FilterSelect
        id="tool-audience"
        name="audience"
        label={t("tools.audience")}
        allLabel={t("tools.any")}
        value={filters.audience}
        options={options(TOOL_AUDIENCES, "tools.audiences")}
      />
      <FilterSelect
        id="tool-stage"
        name="stage"
        label={t("tools.stage")}
        allLabel={t("tools.any")}
        value={filters.stage}
        options={options(
          LIFECYCLE_STAGES.filter((s) => s !== "termine"),
          "alliance.lifecycle",
        )}
      />
      <FilterSelect
        id="tool-language"
        name="language"
        label={t("tools.language")}
        allLabel={t("tools.any")}
        value={filters.language}
        options={options(TOOL_LANGUAGES, "tools.languages")}
      />
    </FilterBar>
  );
}
