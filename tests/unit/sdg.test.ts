import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  compareSdgTargets,
  goalOfTarget,
  isSdgTarget,
  SDG_GOALS,
  SDG_TARGET_CODES,
  textColourOn,
} from "../../domain/sdg";

const EXPECTED_TARGETS_PER_GOAL = [7, 8, 13, 10, 9, 8, 5, 12, 8, 10, 10, 11, 5, 10, 12, 12, 19];

describe("the SDGs", () => {
  it("are 17 goals with the official count of targets each, 169 in all", () => {
    expect(SDG_GOALS.map((g) => g.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(SDG_GOALS.map((g) => g.targets.length)).toEqual(EXPECTED_TARGETS_PER_GOAL);
    expect(SDG_TARGET_CODES).toHaveLength(169);
    expect(new Set(SDG_TARGET_CODES).size).toBe(169);
  });

  it("number outcome targets and letter means-of-implementation targets", () => {
    expect(SDG_GOALS[0]!.targets).toEqual(["1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"]);
    expect(SDG_GOALS[16]!.targets.at(-1)).toBe("17.19");
    expect(isSdgTarget("17.16")).toBe(true);
    expect(isSdgTarget("17.a")).toBe(false);
    expect(isSdgTarget("3.d")).toBe(true);
    expect(isSdgTarget("3.e")).toBe(false);
    expect(goalOfTarget("16.b")).toBe(16);
    expect(goalOfTarget("18.1")).toBeNull();
  });

  it("carry the UN colours", () => {
    expect(SDG_GOALS[0]!.colour).toBe("#E5243B");
    expect(SDG_GOALS[16]!.colour).toBe("#19486A");
    expect(SDG_GOALS.every((g) => /^#[0-9A-F]{6}$/.test(g.colour))).toBe(true);
  });

  it("pick a readable text colour for each goal tile", () => {
    expect(textColourOn("#19486A")).toBe("#FFFFFF");
    expect(textColourOn("#FCC30B")).toBe("#1A1A1A");
  });
});

describe("the official order of SDG targets", () => {
  it("puts 17.2 before 17.10 and lettered targets after numbered ones", () => {
    expect(["17.10", "4.a", "17.2", "4.7", "4.1", "10.1", "2.4"].sort(compareSdgTargets)).toEqual([
      "2.4",
      "4.1",
      "4.7",
      "4.a",
      "10.1",
      "17.2",
      "17.10",
    ]);
  });
});

describe("the SDG tiles' classes (app/globals.css)", () => {
  it("give each goal its official colour and the text colour of higher contrast on it", () => {
    const css = readFileSync("app/globals.css", "utf8");
    const rules = new Map(
      [...css.matchAll(/\.sdg-(\d+) \{\s*background-color: (#[0-9A-Fa-f]{6});\s*color: (#[0-9A-Fa-f]{6});\s*\}/g)].map(
        ([, goal, background, text]) => [Number(goal), [background!.toUpperCase(), text!.toUpperCase()]],
      ),
    );
    expect(rules.size).toBe(17);
    for (const g of SDG_GOALS)
      expect(rules.get(g.number), `goal ${g.number}`).toEqual([g.colour, textColourOn(g.colour)]);
  });
});
