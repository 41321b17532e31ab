import { lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { resultRows } from "../../db/rows";
import { rateLimitHits } from "../../db/schema";
import { redisClient, redisHit } from "./redis-counter";

export interface RateLimitRule {
  /** Maximum hits per window. */
  limit: number;
  windowMs: number;
}

/** Sign-in emails: a few per address, more per IP (offices share one), per 15 minutes. */
export const SIGN_IN_LIMITS = {
  perEmail: { limit: 5, windowMs: 15 * 60 * 1000 },
  perIp: { limit: 30, windowMs: 15 * 60 * 1000 },
} satisfies Record<string, RateLimitRule>;

/**
 * What a sliding window of `rule.windowMs` holds at `now`, estimated from two fixed windows: the
 * hits of the current one (`current`, this hit included) plus the share of the previous one's
 * hits that the sliding window still covers, as if they had come evenly, rounded up. A fixed
 * window alone let twice the limit through in a few seconds across its end (five sign-in emails
 * just before a quarter hour, five more just after); this estimate refuses the sixth.
 *
 * `retryAt` is when the next hit would be allowed if none came meanwhile, for Retry-After.
 */
export function slidingWindow(
  rule: RateLimitRule,
  now: number,
  previous: number,
  current: number,
): { count: number; retryAt: Date } {
  const { limit, windowMs } = rule;
  const end = Math.floor(now / windowMs) * windowMs + windowMs;
  const count = current + Math.ceil((previous * (end - now)) / windowMs - 1e-9);
  // Within this window, a next hit needs the previous window's share down to `room`; past its
  // end, this window's hits become the previous ones and must fall to limit - 1.
  const room = limit - current - 1;
  const retryAt =
    room >= 0
      ? previous === 0
        ? now
        : Math.max(now, end - (room * windowMs) / previous)
      : end + Math.max(0, windowMs - ((limit - 1) * windowMs) / current);
  return { count, retryAt: new Date(Math.ceil(retryAt)) };
}

/**
 * Counts one hit against `key` and says how many the sliding window holds now (slidingWindow),
 * and when a next hit would be allowed. The fixed windows are kept where every app process
 * shares them exactly: in Redis when REDIS_URL is set (one INCR and one GET), else in the
 * database (one statement). While Redis does not answer, the database counts: a limit never
 * stops applying, though for that time it counts apart from the hits Redis holds. A refused hit
 * counts too, so a client that keeps calling stays refused.
 */
export async function countRateLimitHit(
  db: Db,
  key: string,
  rule: RateLimitRule,
  now = new Date(),
): Promise<{ count: number; retryAt: Date }> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const previousStart = new Date(windowStart.getTime() - rule.windowMs);
  const redis = await redisClient();
  if (redis) {
    try {
      const { current, previous } = await redisHit(redis, key, windowStart, rule.windowMs);
      return slidingWindow(rule, now.getTime(), previous, current);
    } catch {
      // Counted in the database below (the client's error event logs that Redis is down).
    }
  }
  const [row] = resultRows<{ current: number | string; previous: number | string }>(
    await db.execute(sql`with hit as (
        insert into ${rateLimitHits} (key, window_start, count) values (${key}, ${windowStart.toISOString()}::timestamptz, 1)
        on conflict (key, window_start) do update set count = ${rateLimitHits}.count + 1
        returning count)
      select (select count from hit) as current,
        coalesce((select r.count from ${rateLimitHits} r where r.key = ${key} and r.window_start = ${previousStart.toISOString()}::timestamptz), 0) as previous`),
  );
  if (Math.random() < 0.01) {
    await db.delete(rateLimitHits).where(lt(rateLimitHits.windowStart, new Date(now.getTime() - 24 * 60 * 60 * 1000)));
  }
  return slidingWindow(rule, now.getTime(), Number(row?.previous ?? 0), Number(row?.current ?? 1));
}

/** Counts one hit against `key` (countRateLimitHit) and says whether it is still allowed. */
export async function hitRateLimit(db: Db, key: string, rule: RateLimitRule, now = new Date()): Promise<boolean> {
  return (await countRateLimitHit(db, key, rule, now)).count <= rule.limit;
}

/** Both sign-in limits at once; the email is normalised the way Auth.js normalises it. */
export async function allowSignInEmail(db: Db, email: string, ip: string | null): Promise<boolean> {
  const byEmail = await hitRateLimit(db, `signin:email:${email.trim().toLowerCase()}`, SIGN_IN_LIMITS.perEmail);
  const byIp = ip ? await hitRateLimit(db, `signin:ip:${ip}`, SIGN_IN_LIMITS.perIp) : true;
  return byEmail && byIp;
}
