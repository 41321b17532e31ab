/**
 * How a workspace's own contributions to an alliance (euros and hours of a year) are divided among
 * the alliance's SDG targets in its SDG report, so that each euro and each hour is counted once:
 *
 * 1. a target on which the workspace claims a share of the alliance gets that share of it;
 *    claims adding up to more than 100 % are scaled down to 100 %;
 * 2. what is left goes to the targets without a claim, split equally, except that the primary
 *    target weighs `primaryWeight` times as much as each other one (1: a plain equal split);
 * 3. when every target has a claim and the claims leave something over, the claims are scaled
 *    up so that the whole is divided.
 *
 * Amounts are divided in whole units (cents, hundredths of an hour) by the largest remainder, so
 * the parts of an alliance add up to its total exactly, and a goal's total (the sum of its
 * targets' parts) and the sum over goals add up to the workspace's total.
 */

export interface AllocationTarget {
  target: string;
  isPrimary: boolean;
  /** The share (1–100) the workspace claims on this target, or null. */
  claimPercent: number | null;
}

/** The primary target's weight when nothing else is configured: a plain equal split. */
export const DEFAULT_PRIMARY_WEIGHT = 1;
/** The weights a report may give the primary target. */
export const PRIMARY_WEIGHTS = [1, 1.5, 2, 3] as const;

/** Each target's fraction of the alliance's contributions (they add up to 1; empty for no target). */
export function allocationWeights(
  targets: readonly AllocationTarget[],
  primaryWeight: number = DEFAULT_PRIMARY_WEIGHT,
): number[] {
  if (targets.length === 0) return [];
  const claimed = targets.reduce((sum, t) => sum + (t.claimPercent ?? 0), 0);
  const unclaimed = targets.filter((t) => t.claimPercent === null);
  if (claimed === 0) return splitUnclaimed(targets, primaryWeight, 1);
  if (claimed >= 100 || unclaimed.length === 0) return targets.map((t) => (t.claimPercent ?? 0) / claimed);
  const rest = splitUnclaimed(targets, primaryWeight, 1 - claimed / 100);
  return targets.map((t, i) => (t.claimPercent !== null ? t.claimPercent / 100 : rest[i]!));
}

/** `amount` divided among the targets without a claim, the primary one weighing `primaryWeight`. */
function splitUnclaimed(targets: readonly AllocationTarget[], primaryWeight: number, amount: number): number[] {
  const weightOf = (t: AllocationTarget) => (t.claimPercent !== null ? 0 : t.isPrimary ? primaryWeight : 1);
  const total = targets.reduce((sum, t) => sum + weightOf(t), 0);
  return targets.map((t) => (total === 0 ? 0 : (amount * weightOf(t)) / total));
}

/**
 * `total` whole units divided by `weights` (adding up to 1) into whole units that add up to
 * `total` exactly: each part is rounded down, and the units left over go to the largest
 * remainders (the earlier part first on a tie).
 */
export function divideWhole(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const exact = weights.map((w) => total * w);
  const parts = exact.map((x) => Math.floor(x + 1e-9));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x + 1e-9) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}
