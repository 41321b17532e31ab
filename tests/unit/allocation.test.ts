import { describe, expect, it } from "vitest";
import { allocationWeights, divideWhole } from "../../domain/allocation";

const target = (code: string, claimPercent: number | null = null, isPrimary = false) => ({
  target: code,
  isPrimary,
  claimPercent,
});

describe("dividing an alliance's contributions among its SDG targets", () => {
  it("gives a claimed target its share and the rest to the others (the 9,200 € of the newcomer's report)", () => {
    // 9 200 € to an alliance on 4.4 (claimed 60 %) and 8.6: 5 520 € under SDG 4, 3 680 € under SDG 8, not 9 200 € twice.
    const weights = allocationWeights([target("4.4", 60, true), target("8.6")]);
    expect(weights).toEqual([0.6, 0.4]);
    expect(divideWhole(920_000, weights)).toEqual([552_000, 368_000]);
  });
  it("splits equally without claims, the primary target weighing as configured", () => {
    expect(allocationWeights([target("4.4", null, true), target("8.6"), target("17.17")])).toEqual([
      1 / 3,
      1 / 3,
      1 / 3,
    ]);
    expect(allocationWeights([target("4.4", null, true), target("8.6"), target("17.17")], 2)).toEqual([
      0.5, 0.25, 0.25,
    ]);
    // 100,00 € in three: 33,34 € + 33,33 € + 33,33 €.
    expect(divideWhole(10_000, [1 / 3, 1 / 3, 1 / 3])).toEqual([3_334, 3_333, 3_333]);
  });
  it("scales claims over 100 % down, and claims that leave something over with no other target up", () => {
    expect(allocationWeights([target("4.4", 80), target("8.6", 40)])).toEqual([80 / 120, 40 / 120]);
    expect(allocationWeights([target("4.4", 30), target("8.6", 20)])).toEqual([0.6, 0.4]);
    // Claims of exactly 100 % leave nothing to the unclaimed target.
    expect(allocationWeights([target("4.4", 70), target("8.6", 30), target("17.17")])).toEqual([0.7, 0.3, 0]);
  });
  it("gives the primary weight only to an unclaimed primary target", () => {
    // 4.4 claims 50 %; the other half goes to 8.6 (primary, weight 3) and 17.17: 37,5 % and 12,5 %.
    expect(allocationWeights([target("4.4", 50), target("8.6", null, true), target("17.17")], 3)).toEqual([
      0.5, 0.375, 0.125,
    ]);
  });
  it("always divides the whole amount, to the unit", () => {
    for (const total of [0, 1, 7, 99_999, 123_456_789]) {
      for (const weights of [[1], [0.5, 0.5], [0.6, 0.4], [1 / 3, 1 / 3, 1 / 3], [0.375, 0.5, 0.125], [0.7, 0.3, 0]]) {
        const parts = divideWhole(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        parts.forEach((p, i) => expect(Math.abs(p - total * weights[i]!)).toBeLessThanOrEqual(1));
      }
    }
    expect(allocationWeights([])).toEqual([]);
    expect(divideWhole(500, [])).toEqual([]);
  });
});
