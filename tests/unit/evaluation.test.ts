import { describe, expect, it } from "vitest";
import {
  DEFAULT_QUESTIONS,
  dimensionAverages,
  nextRuleChange,
  perceptionGaps,
  progressTowardTarget,
  riskReasons,
  lightChangesAt,
  statusLight,
  targetMatchesDirection,
} from "../../domain/evaluation";

const questions = DEFAULT_QUESTIONS;
const now = new Date("2026-11-26T12:00:00Z");
const monthsAgo = (m: number) => new Date(now.getTime() - m * 30.44 * 24 * 3600 * 1000);

describe("perception gaps", () => {
  it("is the spread of the parties' scores per question, flagged from 2 points", () => {
    const gaps = perceptionGaps(questions, [
      { partyKey: "a", scores: { confiance_relationship: 5, equilibre_fairness: 4, performance_objectives: 3 } },
      { partyKey: "b", scores: { confiance_relationship: 3, equilibre_fairness: 3, performance_objectives: 3 } },
    ]);
    const byKey = Object.fromEntries(gaps.map((g) => [g.key, g]));
    expect(byKey.confiance_relationship).toMatchObject({ gap: 2, flagged: true, dimension: "confiance" });
    expect(byKey.equilibre_fairness).toMatchObject({ gap: 1, flagged: false });
    expect(byKey.performance_objectives).toMatchObject({ gap: 0, flagged: false });
    // A question only one party scored has no gap.
    expect(byKey.valeur_received).toMatchObject({ gap: 0, flagged: false });
  });

  it("takes the widest spread among three parties", () => {
    const [first] = perceptionGaps(
      [questions[0]!],
      [
        { partyKey: "a", scores: { performance_objectives: 2 } },
        { partyKey: "b", scores: { performance_objectives: 3 } },
        { partyKey: "c", scores: { performance_objectives: 5 } },
      ],
    );
    expect(first).toMatchObject({ gap: 3, flagged: true });
  });
});

describe("dimension averages", () => {
  it("averages every score of the dimension across parties, ignoring missing ones", () => {
    const averages = dimensionAverages(questions, [
      { partyKey: "a", scores: { performance_objectives: 4, performance_capabilities: 5, valeur_received: 2 } },
      { partyKey: "b", scores: { performance_objectives: 3 } },
    ]);
    expect(averages.performance).toBe(4);
    expect(averages.valeur).toBe(2);
    expect(averages.innovation).toBeNull();
  });
});

describe("status light", () => {
  it("is green for a cycle closed within 12 months", () => {
    expect(statusLight({ lastClosedAt: monthsAgo(11), running: false, since: monthsAgo(60), now })).toBe("green");
  });
  it("is amber while a cycle runs or one is due, red after 24 months without", () => {
    expect(statusLight({ lastClosedAt: monthsAgo(30), running: true, since: monthsAgo(60), now })).toBe("amber");
    expect(statusLight({ lastClosedAt: monthsAgo(18), running: false, since: monthsAgo(60), now })).toBe("amber");
    expect(statusLight({ lastClosedAt: monthsAgo(25), running: false, since: monthsAgo(60), now })).toBe("red");
    expect(statusLight({ lastClosedAt: null, running: false, since: monthsAgo(14), now })).toBe("amber");
    expect(statusLight({ lastClosedAt: null, running: false, since: monthsAgo(30), now })).toBe("red");
  });
  it("is not amber for an alliance under a year old that was never due for evaluation", () => {
    expect(statusLight({ lastClosedAt: null, running: false, since: now, now })).toBe("new");
    expect(statusLight({ lastClosedAt: null, running: false, since: monthsAgo(6), now })).toBe("new");
    // Starting next month: nothing is due either.
    expect(statusLight({ lastClosedAt: null, running: false, since: monthsAgo(-1), now })).toBe("new");
    // Its first cycle running: amber, as for any alliance being evaluated.
    expect(statusLight({ lastClosedAt: null, running: true, since: monthsAgo(2), now })).toBe("amber");
  });
});

describe("when the light changes with time alone", () => {
  it("names the instant the light changes, and the light holds until then", () => {
    const cases = [
      { lastClosedAt: monthsAgo(11), since: monthsAgo(60) },
      { lastClosedAt: monthsAgo(18), since: monthsAgo(60) },
      { lastClosedAt: null, since: monthsAgo(6) },
      { lastClosedAt: null, since: monthsAgo(-1) },
      { lastClosedAt: null, since: monthsAgo(14) },
    ];
    for (const c of cases) {
      const at = lightChangesAt({ ...c, now })!;
      expect(at.getTime()).toBeGreaterThan(now.getTime());
      const light = (t: number) => statusLight({ ...c, running: false, now: new Date(t) });
      for (const t of [now.getTime(), (now.getTime() + at.getTime()) / 2, at.getTime() - 1])
        expect(light(t)).toBe(light(now.getTime()));
      expect(light(at.getTime() + 1)).not.toBe(light(now.getTime()));
    }
  });
  it("is null once the light can only stay red", () => {
    expect(lightChangesAt({ lastClosedAt: monthsAgo(25), since: monthsAgo(60), now })).toBeNull();
    expect(lightChangesAt({ lastClosedAt: null, since: monthsAgo(30), now })).toBeNull();
  });
});

describe("risk reasons", () => {
  const calm = {
    lastActivityAt: monthsAgo(1),
    overdueCycle: false,
    trustGap: false,
    balanceGap: false,
    ledgerLast12: 100,
    ledgerPrevious12: 100,
    now,
  };
  it("says nothing about a calm alliance", () => {
    expect(riskReasons(calm)).toEqual([]);
  });
  it("names each reason", () => {
    expect(riskReasons({ ...calm, lastActivityAt: monthsAgo(7) })).toEqual(["inactive"]);
    expect(riskReasons({ ...calm, overdueCycle: true, trustGap: true, balanceGap: true })).toEqual([
      "overdueCycle",
      "trustGap",
      "balanceGap",
    ]);
    expect(riskReasons({ ...calm, ledgerLast12: 40 })).toEqual(["shrinkingLedger"]);
    // A ledger that was empty before cannot shrink.
    expect(riskReasons({ ...calm, ledgerLast12: 0, ledgerPrevious12: 0 })).toEqual([]);
  });
});

describe("next change of the time-based rules", () => {
  const monthsAhead = (m: number) => new Date(now.getTime() + m * 30.44 * 24 * 3600 * 1000);
  it("is the first of: the last cycle turning 12 or 24 months old, the last activity turning 6", () => {
    // Closed 11 months ago: green for one more month.
    expect(
      nextRuleChange({ lastClosedAt: monthsAgo(11), since: monthsAgo(60), lastActivityAt: monthsAgo(1), now }),
    ).toEqual(monthsAhead(1));
    // Closed 18 months ago, active 5.5 months ago: the inactivity flag comes first.
    expect(
      nextRuleChange({ lastClosedAt: monthsAgo(18), since: monthsAgo(60), lastActivityAt: monthsAgo(5.5), now }),
    ).toEqual(monthsAhead(0.5));
    // Never evaluated, started 20 months ago, active today: red in 4 months.
    expect(nextRuleChange({ lastClosedAt: null, since: monthsAgo(20), lastActivityAt: now, now })).toEqual(
      monthsAhead(4),
    );
  });
  it("agrees with the rules on each side of the instant it gives", () => {
    const input = { lastClosedAt: monthsAgo(11.2), running: false, since: monthsAgo(40) };
    const at = nextRuleChange({ ...input, lastActivityAt: monthsAgo(1), now })!;
    expect(statusLight({ ...input, now: at })).toBe("green");
    expect(statusLight({ ...input, now: new Date(at.getTime() + 1) })).toBe("amber");
  });
  it("turns a new alliance amber a year after its start", () => {
    const input = { lastClosedAt: null, running: false, since: monthsAgo(9) };
    const at = nextRuleChange({ ...input, lastActivityAt: now, now })!;
    expect(at).toEqual(monthsAhead(3));
    expect(statusLight({ ...input, now: at })).toBe("new");
    expect(statusLight({ ...input, now: new Date(at.getTime() + 1) })).toBe("amber");
  });
  it("is null when every threshold is behind", () => {
    expect(
      nextRuleChange({ lastClosedAt: monthsAgo(30), since: monthsAgo(60), lastActivityAt: monthsAgo(7), now }),
    ).toBeNull();
  });
});

describe("indicators", () => {
  it("measures progress from baseline toward target, both directions", () => {
    expect(progressTowardTarget(100, 200, 150)).toBe(0.5);
    expect(progressTowardTarget(30, 10, 20)).toBe(0.5);
    expect(progressTowardTarget(100, 200, 90)).toBe(-0.1);
    expect(progressTowardTarget(100, 200, null)).toBeNull();
    expect(progressTowardTarget(100, 100, 120)).toBeNull();
  });
  it("checks that the target lies on the right side of the baseline", () => {
    expect(targetMatchesDirection("higher", 10, 20)).toBe(true);
    expect(targetMatchesDirection("higher", 10, 5)).toBe(false);
    expect(targetMatchesDirection("lower", 10, 5)).toBe(true);
    expect(targetMatchesDirection("lower", null, 5)).toBe(true);
  });
});
