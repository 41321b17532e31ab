import type { Redis } from "ioredis";
import { env } from "../../env";
import { logger } from "../log";

/**
 * Rate-limit windows counted in Redis when REDIS_URL is set: one INCR per hit on a key that
 * expires with its window, so every instance shares the count exactly (Redis runs commands one
 * at a time). The client is made once per process, held on globalThis like the database.
 */
type Holder = { client: Promise<Redis | null>; url: string | undefined };
const held = globalThis as unknown as { __maillageRedis?: Holder };

/** The process's Redis client, or null when REDIS_URL is unset (made once, by the first caller). */
export function redisClient(): Promise<Redis | null> {
  const url = env().REDIS_URL;
  if (!held.__maillageRedis || held.__maillageRedis.url !== url)
    held.__maillageRedis = { client: url ? connect(url) : Promise.resolve(null), url };
  return held.__maillageRedis.client;
}

async function connect(url: string): Promise<Redis> {
  const { Redis } = await import("ioredis");
  const client = new Redis(url, {
    // A hit waits at most this long; then the database counts it (rate-limit.ts).
    commandTimeout: 500,
    connectTimeout: 1_000,
    // Commands sent while it is down fail at once instead of piling up in memory.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
  });
  let warned = false;
  client.on("error", (error: Error) => {
    if (warned) return;
    warned = true;
    logger().warn({ err: error }, "Redis does not answer: rate limits are counted in the database meanwhile");
  });
  client.on("ready", () => (warned = false));
  // The first hits wait for the connection (at most a second) rather than miss Redis while it opens.
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, 1_000);
    client.once("ready", done);
    client.once("error", done);
  });
  return client;
}

/**
 * Counts one hit in the window starting at `windowStart`; resolves with that window's count and
 * the previous window's. A window's key lives until the end of the next one, where it is the
 * previous window of the sliding count (rate-limit.ts).
 */
export async function redisHit(
  client: Redis,
  key: string,
  windowStart: Date,
  windowMs: number,
): Promise<{ current: number; previous: number }> {
  const name = (start: number) => `maillage:rate:${key}:${start}`;
  const current = name(windowStart.getTime());
  const answers = await client
    .multi()
    .incr(current)
    .pexpireat(current, windowStart.getTime() + 2 * windowMs + 1_000)
    .get(name(windowStart.getTime() - windowMs))
    .exec();
  const [error, count] = answers?.[0] ?? [new Error("Redis answered nothing"), null];
  if (error) throw error;
  const [previousError, previous] = answers?.[2] ?? [new Error("Redis answered nothing"), null];
  if (previousError) throw previousError;
  return { current: Number(count), previous: Number(previous ?? 0) };
}

/** Closes the process's Redis client (shutdown). */
export async function closeRedis(): Promise<void> {
  const client = await held.__maillageRedis?.client;
  held.__maillageRedis = undefined;
  if (client) await client.quit().catch(() => client.disconnect());
}
