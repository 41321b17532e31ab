import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { countRateLimitHit, SIGN_IN_LIMITS } from "../../server/auth/rate-limit";
import { openTestDatabase, sqlRows } from "../helpers/db";

// REDIS_URL is unset here (tests/integration/redis-rate-limit.test.ts sets it for its own file):
// these windows are counted in the database.
const { db } = await openTestDatabase();
const rule = SIGN_IN_LIMITS.perEmail;
const boundary = 1_800_000_000_000 - (1_800_000_000_000 % rule.windowMs) + rule.windowMs * 40;
const key = () => `test:sliding:${Math.random().toString(36).slice(2)}`;

describe("rate limits counted in the database", () => {
  it("refuses a sixth sign-in email sent just after a window's end, and allows it once the hits have faded", async () => {
    const k = key();
    const before = [];
    for (let i = 0; i < 5; i++)
      before.push(await countRateLimitHit(db, k, rule, new Date(boundary - 5_000 + i * 1_000)));
    expect(before.map((b) => b.count)).toEqual([1, 2, 3, 4, 5]);

    const sixth = await countRateLimitHit(db, k, rule, new Date(boundary + 1_000));
    expect(sixth.count).toBeGreaterThan(rule.limit);
    // Five hits at the end of the last window, one in this one: the next (2 + ceil(5 × share))
    // is allowed once the last window's share is down to 3/5, 40% into this one.
    expect(sixth.retryAt.getTime()).toBe(boundary + rule.windowMs * 0.4);

    const tooEarly = await countRateLimitHit(db, k, rule, new Date(boundary + rule.windowMs * 0.4 - 60_000));
    expect(tooEarly.count).toBeGreaterThan(rule.limit);
    const rows = await sqlRows<{ window_start: Date | string; count: number }>(
      db.execute(sql`select window_start, count from rate_limit_hits where key = ${k} order by window_start`),
    );
    expect(rows.map((r) => [new Date(r.window_start).getTime(), Number(r.count)])).toEqual([
      [boundary - rule.windowMs, 5],
      [boundary, 2],
    ]);
    // Three hits in this window with this one, the last window's five faded to 1 by 95% of it.
    const later = await countRateLimitHit(db, k, rule, new Date(boundary + rule.windowMs * 0.95));
    expect(later.count).toBe(3 + 1);
    expect(later.count).toBeLessThanOrEqual(rule.limit);
  });

  it("counts concurrent hits exactly", async () => {
    const k = key();
    const at = new Date(boundary + 10_000);
    const counts = await Promise.all(Array.from({ length: 20 }, () => countRateLimitHit(db, k, rule, at)));
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(counts.filter((c) => c.count <= rule.limit)).toHaveLength(rule.limit);
  });
});
