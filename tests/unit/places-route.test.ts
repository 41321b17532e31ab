import { describe, expect, it } from "vitest";
import { GET } from "../../app/api/places/route";
import { allianceFormOptions } from "../../components/alliances/form-options";

describe("/api/places, the list's place filters' options", () => {
  it("gives every inhabited région and département, sorted, and lets browsers keep the answer", async () => {
    const response = GET();
    expect(response.headers.get("cache-control")).toBe("public, max-age=86400");
    const { regions, departements } = (await response.json()) as {
      regions: Array<{ code: string; label: string }>;
      departements: Array<{ code: string; label: string }>;
    };
    // What the list page offered inline before.
    const inline = allianceFormOptions();
    expect({ regions, departements }).toEqual({ regions: inline.regions, departements: inline.departements });
    expect(regions.length).toBeGreaterThanOrEqual(18);
    expect(regions.map((r) => r.label)).toEqual(
      [...regions.map((r) => r.label)].sort((a, b) => a.localeCompare(b, "fr")),
    );
    expect(regions).toContainEqual({ code: "84", label: "Auvergne-Rhône-Alpes" });
    expect(departements.length).toBeGreaterThanOrEqual(101);
    expect(departements[0]).toEqual({ code: "01", label: "01 Ain" });
    expect(departements).toContainEqual({ code: "2A", label: "2A Corse-du-Sud" });
  });
});
