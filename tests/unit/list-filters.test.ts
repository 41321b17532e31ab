import { describe, expect, it } from "vitest";
import { activeFilterChips, filtersFromSearchParams, listHref } from "../../components/alliances/list-filters";

const words = { field: (key: string) => key.toUpperCase(), value: (_key: string, value: string) => `«${value}»` };

describe("the list's filter chips", () => {
  it("are the active narrowing filters, in order, without sorting or paging", () => {
    const filters = filtersFromSearchParams({
      region: "84",
      q: "potager",
      sdgGoal: "12",
      sort: "title",
      direction: "asc",
      page: "2",
      archived: "1",
    });
    expect(activeFilterChips(filters, words).map((c) => [c.key, c.field, c.value])).toEqual([
      ["q", "Q", "«potager»"],
      ["sdgGoal", "SDGGOAL", "«12»"],
      ["region", "REGION", "«84»"],
      ["archived", "ARCHIVED", "«true»"],
    ]);
  });
  it("each remove their own filter and keep the others and the sort", () => {
    const filters = filtersFromSearchParams({ region: "84", sdgGoal: "12", sort: "title", direction: "asc" });
    expect(listHref("/w/x/alliances", filters, { region: undefined })).toBe(
      "/w/x/alliances?sdgGoal=12&sort=title&direction=asc",
    );
  });
  it("are none for the plain list", () => {
    expect(activeFilterChips(filtersFromSearchParams({}), words)).toEqual([]);
  });
});
