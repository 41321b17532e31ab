import Link from "next/link";
import { getTranslations } from "@/server/i18n/server-translations";
import { type FilterChip, listHref } from "@/components/alliances/list-filters";

/**
 * The list's active filters as chips, each a link that removes it (the list reloads without
 * it), and one that removes them all. Links rather than buttons: they work without JavaScript
 * and keep the URL as the one source of the view.
 */
export async function FilterChips({
  base,
  filters,
  chips,
}: {
  base: string;
  filters: Record<string, unknown>;
  chips: FilterChip[];
}) {
  if (chips.length === 0) return null;
  const t = await getTranslations("alliances");
  return (
    <section
      aria-labelledby="active-filters-title"
      className="flex flex-wrap items-center gap-2"
      data-testid="filter-chips"
    >
      <h2 id="active-filters-title" className="text-sm font-semibold">
        {t("activeFilters")}
      </h2>
      <ul className="flex flex-wrap gap-2">
        {chips.map((chip) => (
          <li key={chip.key}>
            <Link
              href={listHref(base, filters, { [chip.key]: undefined })}
              className="filter-chip"
              aria-label={t("removeFilter", { field: chip.field, value: chip.value })}
              data-chip={chip.key}
            >
              <span>
                {chip.field} : <span className="font-medium">{chip.value}</span>
              </span>
              <span aria-hidden="true" className="text-base leading-none">
                ×
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {chips.length > 1 ? (
        <Link href={listHref(base, { sort: filters.sort, direction: filters.direction }, {})} className="text-sm">
          {t("reset")}
        </Link>
      ) : null}
    </section>
  );
}
