import { describe, expect, it } from "vitest";
import {
  communesOfEpci,
  departementsOfRegion,
  locateCommune,
  normalizeForSearch,
  searchCommunes,
  territoryParents,
} from "../../domain/territory";
import { territory } from "../../domain/territory-data";

const index = territory();

describe("French territory", () => {
  it("holds the current communes, the EPCI, and départements and régions with summed population", () => {
    expect(index.communes.size).toBe(34969);
    expect(index.epci.size).toBe(1255);
    expect(index.departements.get("2A")?.name).toBe("Corse-du-Sud");
    expect(index.departements.get("976")?.name).toBe("Mayotte");
    const idf = index.regions.get("11")!;
    expect(idf.name).toBe("Île-de-France");
    const idfDeps = departementsOfRegion(index, "11");
    expect(idfDeps.map((d) => d.code).sort()).toEqual(["75", "77", "78", "91", "92", "93", "94", "95"]);
    expect(idf.population).toBe(idfDeps.reduce((sum, d) => sum + d.population, 0));
    expect(idf.population).toBeGreaterThan(12_000_000);
  });

  it("answers which département and région a commune is in", () => {
    expect(locateCommune(index, "75056")).toMatchObject({
      commune: { name: "Paris" },
      departement: { code: "75" },
      region: { code: "11" },
    });
    expect(locateCommune(index, "2A004")).toMatchObject({
      commune: { name: "Ajaccio" },
      departement: { code: "2A" },
      region: { code: "94" },
    });
    expect(locateCommune(index, "99999")).toBeNull();
  });

  it("answers which communes are in an EPCI, and each commune knows its EPCI", () => {
    const paris = index.communes.get("75056")!;
    expect(paris.epci).toBeTruthy();
    const members = communesOfEpci(index, paris.epci!);
    expect(members.map((c) => c.code)).toContain("75056");
    expect(members.length).toBeGreaterThan(100);
  });

  it("does not mistake a postal code for an INSEE code", () => {
    const marseille = index.communes.get("13055")!;
    expect(marseille.postalCodes).toContain("13001");
    expect(index.communes.has("13001")).toBe(true);
    expect(index.communes.get("13001")!.name).not.toBe("Marseille");
  });
});

describe("commune search", () => {
  it("ignores accents, case, hyphens and apostrophes", () => {
    expect(normalizeForSearch("Saint-Étienne")).toBe("saint etienne");
    expect(searchCommunes(index, "saint etienne")[0]?.code).toBe("42218");
    expect(searchCommunes(index, "SAINT-ÉTIENNE")[0]?.code).toBe("42218");
  });

  it("puts name prefixes first, most populated first, then words inside names", () => {
    const results = searchCommunes(index, "rochelle", 5);
    expect(results[0]?.name).toBe("La Rochelle");
    expect(searchCommunes(index, "lyo", 3)[0]?.name).toBe("Lyon");
  });

  it("finds communes by postal code prefix", () => {
    expect(searchCommunes(index, "13001").map((c) => c.name)).toContain("Marseille");
    expect(
      searchCommunes(index, "690", 20).every(
        (c) => c.postalCodes.some((p) => p.startsWith("690")) || c.code.startsWith("690"),
      ),
    ).toBe(true);
  });

  it("respects the limit and returns nothing for an empty query", () => {
    expect(searchCommunes(index, "sa", 7)).toHaveLength(7);
    expect(searchCommunes(index, "  ")).toEqual([]);
  });
});

describe("territory parents", () => {
  it("give each level its département and région, for indexable filters", () => {
    expect(territoryParents(index, "commune", "69123")).toEqual({ departementCode: "69", regionCode: "84" });
    expect(territoryParents(index, "departement", "2B")).toEqual({ departementCode: "2B", regionCode: "94" });
    expect(territoryParents(index, "region", "84")).toEqual({ departementCode: null, regionCode: "84" });
    expect(territoryParents(index, "national", "FR")).toEqual({ departementCode: null, regionCode: null });
    const lyonMetropole = index.communes.get("69123")!.epci!;
    expect(territoryParents(index, "epci", lyonMetropole)).toEqual({ departementCode: "69", regionCode: "84" });
    expect(territoryParents(index, "commune", "00000")).toBeNull();
    expect(territoryParents(index, "region", "99")).toBeNull();
  });
});
