import type { Role } from "../../domain/roles";
import type { Locale } from "../../messages/locales";
import { AppError } from "../errors";
import type { Logger } from "../log";
import type { WorkspaceContext } from "../services/context";

/** Who asked for a job done for a workspace (an import, an export), so it runs as them. */
export interface WorkspaceJobAsker {
  workspaceId: string;
  role: Role;
  actor: { userId: string; email: string };
  requestId: string;
  locale: Locale;
  appUrl: string;
}

/** The asker of a job, taken from the request that enqueues it. */
export function jobAsker(ctx: WorkspaceContext): WorkspaceJobAsker {
  return {
    workspaceId: ctx.workspaceId,
    role: ctx.role,
    actor: ctx.actor,
    requestId: ctx.requestId,
    locale: ctx.locale,
    appUrl: ctx.appUrl,
  };
}

/**
 * What a failed attempt of a workspace's job does: a refusal (AppError: the person may no longer
 * do it) marks it failed with its reason and is not retried; anything else goes back to the queue,
 * which retries it, and marks it failed with `failedKey` on the last attempt.
 */
export async function settleFailedAttempt(
  error: unknown,
  options: {
    log: Logger;
    what: string;
    lastAttempt: boolean;
    failedKey: string;
    markFailed(key: string): Promise<unknown>;
  },
): Promise<void> {
  if (error instanceof AppError) {
    options.log.warn({ err: error }, `${options.what} refused`);
    await options.markFailed(error.messageKey);
    return;
  }
  options.log.error({ err: error, lastAttempt: options.lastAttempt }, `${options.what} failed`);
  if (options.lastAttempt) await options.markFailed(options.failedKey);
  throw error;
}
