import { describe, expect, it } from "vitest";
import { pivotTrajectory } from "../../components/dashboards/trajectory";

describe("the dashboard's mode trajectory as a table of changes by year", () => {
  it("gives one row per change of mode, most alliances first, and one column per year in order", () => {
    const table = pivotTrajectory([
      { year: 2024, from: "mecenat", to: "cooperation_economique", count: 2 },
      { year: 2022, from: "pratiques_responsables", to: "mecenat", count: 1 },
      { year: 2023, from: "mecenat", to: "cooperation_economique", count: 3 },
      { year: 2024, from: "pratiques_responsables", to: "mecenat", count: 1 },
    ]);
    expect(table.years).toEqual([2022, 2023, 2024]);
    expect(table.moves.map((m) => [m.from, m.to, table.years.map((y) => m.counts.get(y) ?? 0)])).toEqual([
      ["mecenat", "cooperation_economique", [0, 3, 2]],
      ["pratiques_responsables", "mecenat", [1, 0, 1]],
    ]);
  });

  it("orders changes made by as many alliances by their modes, and gives nothing for no change", () => {
    const table = pivotTrajectory([
      { year: 2025, from: "mecenat", to: "innovation_societale", count: 1 },
      { year: 2025, from: "cooperation_economique", to: "mecenat", count: 1 },
    ]);
    expect(table.moves.map((m) => m.key)).toEqual(["cooperation_economique>mecenat", "mecenat>innovation_societale"]);
    expect(pivotTrajectory([])).toEqual({ years: [], moves: [] });
  });
});
