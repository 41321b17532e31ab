import { ListAlliancesInput } from "@/server/services/alliances/schemas";

/** The filter keys that travel in the list page's URL, so a view can be shared and bookmarked. */
export const FILTER_KEYS = [
  "q",
  "stage",
  "mode",
  "mecenatForm",
  "entryDoor",
  "sdgGoal",
  "sdgTarget",
  "region",
  "departement",
  "partnerId",
  "partnerKind",
  "guide",
  "tag",
  "from",
  "to",
  "archived",
  "sort",
  "direction",
  "page",
] as const;

/** Reads the list's filters from URL search params; anything invalid is dropped rather than failing the page. */
export function filtersFromSearchParams(params: Record<string, string | string[] | undefined>) {
  const raw: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const value = params[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (!text) continue;
    raw[key] = key === "sdgGoal" || key === "page" ? Number(text) : key === "archived" ? text === "1" : text;
  }
  const parsed = ListAlliancesInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (ListAlliancesInput.safeParse({ [key]: value }).success) kept[key] = value;
  }
  return ListAlliancesInput.parse(kept);
}

/** The URL of the list with some filters changed (page resets unless given). */
export function listHref(base: string, current: Record<string, unknown>, patch: Record<string, unknown>): string {
  const merged: Record<string, unknown> = { ...current, page: undefined, ...patch };
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = merged[key];
    if (value === undefined || value === null || value === "" || value === false) continue;
    if (key === "page" && value === 1) continue;
    if (key === "sort" && value === "updatedAt" && merged.direction === "desc") continue;
    if (key === "direction" && value === "desc" && merged.sort === "updatedAt") continue;
    params.set(key, value === true ? "1" : String(value));
  }
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

/** The filters that narrow the list (sorting and paging do not), in the order their chips show. */
export const NARROWING_FILTERS = [
  "q",
  "stage",
  "mode",
  "sdgGoal",
  "mecenatForm",
  "entryDoor",
  "sdgTarget",
  "region",
  "departement",
  "partnerId",
  "partnerKind",
  "guide",
  "tag",
  "from",
  "to",
  "archived",
] as const;
export type NarrowingFilter = (typeof NARROWING_FILTERS)[number];

/** The filters kept in sight above the list; the others sit behind "Plus de filtres". */
export const VISIBLE_FILTERS: readonly NarrowingFilter[] = ["q", "stage", "mode", "sdgGoal"];

/** One active filter as a removable chip: what it is, its value in words. */
export interface FilterChip {
  key: NarrowingFilter;
  field: string;
  value: string;
}

/** The active filters, each named and valued for people by the given functions. */
export function activeFilterChips(
  filters: Record<string, unknown>,
  words: { field: (key: NarrowingFilter) => string; value: (key: NarrowingFilter, value: string) => string },
): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const key of NARROWING_FILTERS) {
    const value = filters[key];
    if (value === undefined || value === null || value === "" || value === false) continue;
    chips.push({ key, field: words.field(key), value: words.value(key, String(value)) });
  }
  return chips;
}
