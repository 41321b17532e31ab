import { describe, expect, it } from "vitest";
import { slidingWindow } from "../../server/auth/rate-limit";

const rule = { limit: 5, windowMs: 15 * 60 * 1000 };
const start = 1_800_000_000_000 - (1_800_000_000_000 % rule.windowMs); // a window's first instant

/** Whether one more hit at `at` would be allowed, after `previous` and `current` hits counted at `now`. */
function nextAllowed(r: typeof rule, now: number, previous: number, current: number, at: number): boolean {
  const end = Math.floor(now / r.windowMs) * r.windowMs + r.windowMs;
  if (at < end) return slidingWindow(r, at, previous, current + 1).count <= r.limit;
  if (at < end + r.windowMs) return slidingWindow(r, at, current, 1).count <= r.limit;
  return true;
}

describe("sliding-window rate limit", () => {
  it("refuses a sixth sign-in email just after a window's end, where a fixed window started again", () => {
    const lastSecond = start + rule.windowMs - 1_000;
    for (let i = 1; i <= 5; i++) expect(slidingWindow(rule, lastSecond, 0, i).count).toBe(i);
    const next = slidingWindow(rule, start + rule.windowMs + 1_000, 5, 1);
    expect(next.count).toBe(6);
    expect(next.count).toBeGreaterThan(rule.limit);
  });

  it("lets the previous window's hits fade as the window slides", () => {
    const into = (fraction: number) => start + rule.windowMs * fraction;
    expect(slidingWindow(rule, into(0), 5, 1).count).toBe(6);
    expect(slidingWindow(rule, into(0.5), 5, 1).count).toBe(4); // 1 + ceil(2.5)
    expect(slidingWindow(rule, into(0.9), 5, 1).count).toBe(2); // 1 + ceil(0.5)
    expect(slidingWindow(rule, into(0.5), 0, 3).count).toBe(3);
  });

  it("announces a retry time at which the next hit is allowed, and not a millisecond before", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    let checked = 0;
    for (let i = 0; i < 5_000; i++) {
      const r = { limit: 1 + Math.floor(random() * 30), windowMs: 1_000 * (1 + Math.floor(random() * 900)) };
      const now = start + Math.floor(random() * r.windowMs);
      const previous = Math.floor(random() * 2 * r.limit);
      const current = 1 + Math.floor(random() * 2 * r.limit);
      const { count, retryAt } = slidingWindow(r, now, previous, current);
      if (count <= r.limit) continue;
      checked++;
      const at = retryAt.getTime();
      expect(at).toBeGreaterThanOrEqual(now);
      expect(at).toBeLessThanOrEqual(Math.floor(now / r.windowMs) * r.windowMs + 2 * r.windowMs);
      expect(nextAllowed(r, now, previous, current, at), JSON.stringify({ r, now, previous, current, at })).toBe(true);
      if (at - 1 > now) expect(nextAllowed(r, now, previous, current, at - 1)).toBe(false);
    }
    expect(checked).toBeGreaterThan(1_000);
  });
});
