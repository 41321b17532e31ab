import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { countRateLimitHit } from "../../server/auth/rate-limit";
import { closeRedis } from "../../server/auth/redis-counter";
import { env, reloadEnv } from "../../env";
import { openTestDatabase, sqlRows } from "../helpers/db";
import { sql } from "drizzle-orm";

const { db } = await openTestDatabase();
const REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/** Whether a Redis server answers there (the machines of CI have one; a newcomer's may not). */
async function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(500);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}
const available = await answers(REDIS);
if (!available) console.log(`[tests] no Redis at ${REDIS}: the Redis rate-limit tests are skipped`);

afterAll(async () => {
  await closeRedis();
  delete process.env.REDIS_URL;
  reloadEnv();
});

describe.skipIf(!available)("rate limits counted in Redis (REDIS_URL)", () => {
  it("shares one window exactly between concurrent hits, and writes nothing to the database", async () => {
    process.env.REDIS_URL = REDIS;
    reloadEnv();
    expect(env().REDIS_URL).toBe(REDIS);
    const key = `test:redis:${Math.random().toString(36).slice(2)}`;
    const rule = { limit: 40, windowMs: 60_000 };
    const counts = await Promise.all(Array.from({ length: 50 }, () => countRateLimitHit(db, key, rule)));
    const allowed = counts.filter((c) => c.count <= rule.limit).length;
    expect(allowed).toBe(40);
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const rows = await sqlRows<{ n: number }>(
      db.execute(sql`select count(*)::int as n from rate_limit_hits where key = ${key}`),
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("slides: the last window's hits still count just after its end", async () => {
    process.env.REDIS_URL = REDIS;
    reloadEnv();
    const key = `test:redis-slide:${Math.random().toString(36).slice(2)}`;
    const rule = { limit: 5, windowMs: 60_000 };
    const boundary = Math.ceil(Date.now() / rule.windowMs) * rule.windowMs + rule.windowMs;
    const counts: number[] = [];
    for (let i = 0; i < 5; i++)
      counts.push((await countRateLimitHit(db, key, rule, new Date(boundary - 3_000 + i * 500))).count);
    expect(counts).toEqual([1, 2, 3, 4, 5]);
    const sixth = await countRateLimitHit(db, key, rule, new Date(boundary + 500));
    expect(sixth.count).toBe(6);
    expect(sixth.retryAt.getTime()).toBe(boundary + rule.windowMs * 0.4);
    const rows = await sqlRows<{ n: number }>(
      db.execute(sql`select count(*)::int as n from rate_limit_hits where key = ${key}`),
    );
    expect(rows[0]!.n).toBe(0);
  });

  it("counts in the database while Redis does not answer, so the limit still applies", async () => {
    await closeRedis();
    process.env.REDIS_URL = "redis://127.0.0.1:1";
    reloadEnv();
    const key = `test:redis-down:${Math.random().toString(36).slice(2)}`;
    const rule = { limit: 3, windowMs: 60_000 };
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) counts.push((await countRateLimitHit(db, key, rule)).count);
    expect(counts).toEqual([1, 2, 3, 4, 5]);
    const rows = await sqlRows<{ n: number }>(
      db.execute(sql`select coalesce(sum(count), 0)::int as n from rate_limit_hits where key = ${key}`),
    );
    expect(rows[0]!.n).toBe(5);
  });
});
