import { isTRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { wire } from "@/domain/wire";
import type { AppRouter } from "@/server/trpc/root";

/** A random key: crypto.randomUUID exists only on secure origins, getRandomValues everywhere. */
function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Gives every mutation an Idempotency-Key, in `op.context.idempotencyKey` (the mutation link
 * sends it as a header). A mutation that got no answer (the network failed, or the server said
 * 503 during a database fault) keeps its key: when the same form sends the same values again,
 * the retry carries the same key, and a write that did commit is answered, not repeated. Any
 * other answer forgets the key, so a second submission on purpose is a new write.
 */
export function idempotencyLink(pending = new Map<string, string>()): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) => {
      if (op.type !== "mutation") return next(op);
      const submission = `${op.path}\n${JSON.stringify(wire.serialize(op.input))}`;
      const key = pending.get(submission) ?? newKey();
      pending.set(submission, key);
      return observable((observer) =>
        next({ ...op, context: { ...op.context, idempotencyKey: key } }).subscribe({
          next: (value) => {
            pending.delete(submission);
            observer.next(value);
          },
          error: (error) => {
            if (!isUnanswered(error)) pending.delete(submission);
            observer.error(error);
          },
          complete: () => observer.complete(),
        }),
      );
    };
}

/** No answer from the app: a network error (no HTTP status) or a database fault (503). */
export function isUnanswered(error: unknown): boolean {
  if (!isTRPCClientError(error)) return true;
  const status =
    (error.data as { httpStatus?: number } | undefined)?.httpStatus ??
    (error.meta?.response as Response | undefined)?.status;
  return status === undefined || status === 503 || status === 502 || status === 504;
}
