import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { isConnectionLoss, type Db } from "../../db/client";
import { REQUEST_ROLE } from "../../db/scope";
import { idempotencyKeys } from "../../db/schema";
import { wire } from "../../domain/wire";
import { AppError } from "../errors";

/** How long a key's answer is kept and replayed. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

/** A key as clients send it: 1–200 visible ASCII characters (a UUID, say). */
const KEY = /^[\x21-\x7e]{1,200}$/;

/** An Idempotency-Key header's value, checked (BAD_REQUEST when malformed); null when absent. */
export function checkIdempotencyKey(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  if (!KEY.test(key)) throw new AppError("BAD_REQUEST", "errors.api.idempotencyInvalid");
  return key;
}

/** What identifies a request under a key: the procedure and its input. */
export function requestFingerprint(path: string, input: unknown): string {
  return createHash("sha256")
    .update(path)
    .update("\0")
    .update(JSON.stringify(wire.serialize(input)) ?? "")
    .digest("hex");
}

/**
 * The answer stored for `key` by the same user within the window, if any. A key already used
 * for another request (another procedure or input) is refused with CONFLICT rather than
 * answered with the other request's result. Runs in the caller's scoped transaction.
 */
export async function storedAnswer(
  tx: Db,
  userId: string,
  key: string,
  fingerprint: string,
): Promise<{ data: unknown } | null> {
  const [row] = await tx
    .select({ requestHash: idempotencyKeys.requestHash, response: idempotencyKeys.response })
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.key, key),
        sql`${idempotencyKeys.createdAt} > now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`,
      ),
    );
  if (!row) return null;
  if (row.requestHash !== fingerprint) throw new AppError("CONFLICT", "errors.api.idempotencyMismatch");
  return { data: wire.deserialize(JSON.parse(row.response)) };
}

/**
 * Stores the answer of a write under its key, in the write's own transaction, so the key exists
 * exactly when the write committed. Answers "twin" when another request with the same key
 * committed first (this insert waited for it): the caller must then roll its own write back and
 * answer with the stored one. Also drops the user's keys older than the window.
 *
 * Runs as the request role whatever role the write switched to (the operator's approval, the
 * account erasure), in a savepoint: a write after which the key cannot be kept (the account it
 * belongs to was just erased) still answers, and says "skipped".
 */
export async function storeAnswer(
  tx: Db,
  userId: string,
  key: string,
  fingerprint: string,
  data: unknown,
): Promise<"stored" | "twin" | "skipped"> {
  try {
    return await tx.transaction(async (savepoint) => {
      await savepoint.execute(sql`select set_config('role', ${REQUEST_ROLE}, true)`);
      await savepoint
        .delete(idempotencyKeys)
        .where(
          and(
            eq(idempotencyKeys.userId, userId),
            lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_WINDOW_HOURS})`),
          ),
        );
      const inserted = await savepoint
        .insert(idempotencyKeys)
        .values({ userId, key, requestHash: fingerprint, response: JSON.stringify(wire.serialize(data) ?? null) })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      return inserted.length === 1 ? "stored" : "twin";
    });
  } catch (error) {
    if (isConnectionLoss(error)) throw error;
    return "skipped";
  }
}
