import { lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
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
 * Counts one hit against `key` in a fixed window and says how many the window holds now, and
 * when it ends. The window is kept where every app process shares it exactly: in Redis when
 * REDIS_URL is set (one INCR), else in the database (one upsert). While Redis does not answer,
 * the database counts: a limit never stops applying, though for that time it counts apart from
 * the hits Redis holds.
 */
export async function countRateLimitHit(
  db: Db,
  key: string,
  rule: RateLimitRule,
  now = new Date(),
): Promise<{ count: number; windowEndsAt: Date }> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const windowEndsAt = new Date(windowStart.getTime() + rule.windowMs);
  const redis = await redisClient();
  if (redis) {
    try {
      return { count: await redisHit(redis, key, windowStart, rule.windowMs), windowEndsAt };
    } catch {
      // Counted in the database below (the client's error event logs that Redis is down).
    }
  }
  const [row] = await db
    .insert(rateLimitHits)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitHits.key, rateLimitHits.windowStart],
      set: { count: sql`${rateLimitHits.count} + 1` },
    })
    .returning({ count: rateLimitHits.count });
  if (Math.random() < 0.01) {
    await db.delete(rateLimitHits).where(lt(rateLimitHits.windowStart, new Date(now.getTime() - 24 * 60 * 60 * 1000)));
  }
  return { count: row?.count ?? 0, windowEndsAt };
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
