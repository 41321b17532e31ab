import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import { isConnectionLoss, type Db } from "../../db/client";
import { isDriverSocketFault } from "../../db/resilient";
import { wire } from "../../domain/wire";
import type { Permission } from "../../domain/roles";
import type { Locale } from "../../messages/locales";
import { AppError } from "../errors";
import { translateKey } from "../i18n/translate";
import type { Logger } from "../log";
import type { Mailer } from "../services/mail/mailer";
import type { SessionUser } from "../auth/session-user";
import { translateIssue } from "./zod-messages";
import { SpanStatusCode } from "@opentelemetry/api";
import { tracer } from "../tracing";

export type { SessionUser } from "../auth/session-user";

/** Built once per HTTP request (or per test caller). Never holds an Auth.js import. */
export interface TrpcContext {
  db: Db;
  user: SessionUser | null;
  requestId: string;
  locale: Locale;
  log: Logger;
  mailer: Mailer;
  appUrl: string;
  /**
   * The request's Idempotency-Key header, unchecked (authedProcedure checks it); applies to a
   * request carrying one mutation only.
   */
  idempotencyKey?: string | null;
  /** Membership lookups memoised for the batch of calls in one request. */
  memberships: Map<string, Promise<{ workspaceId: string; role: import("../../domain/roles").Role } | null>>;
}

/**
 * A refused or failed call in words for people: message keys translated, zod issues as
 * per-field messages, anything unexpected as a generic message with the request id (driver
 * errors carry SQL and parameters: they stay in the log). tRPC and the HTTP API share it.
 */
export function describeError(
  error: TRPCError,
  locale: Locale,
  requestId: string,
): { message: string; fieldErrors?: Record<string, string> } {
  if (error.cause instanceof z.ZodError) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of error.cause.issues) {
      const key = issue.path.join(".") || "_";
      fieldErrors[key] ??= translateIssue(locale, issue);
    }
    return { message: translateKey(locale, "errors.validation"), fieldErrors };
  }
  if (error.cause instanceof AppError) {
    const message = translateKey(locale, error.cause.messageKey, error.cause.params);
    const field = error.cause.params.field;
    return { message, fieldErrors: typeof field === "string" ? { [field]: message } : undefined };
  }
  if (error.code === "INTERNAL_SERVER_ERROR")
    return { message: translateKey(locale, "errors.internal", { requestId }) };
  return { message: translateKey(locale, `errors.trpc.${error.code}`) };
}

/**
 * Whether a call failed because the database could not be reached or its connection died (a
 * restart, a killed backend): the client is told to retry shortly (503 with Retry-After), not
 * that something is broken.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return (
    isConnectionLoss(error) ||
    isDriverSocketFault(error) ||
    isDriverSocketFault((error as { cause?: unknown } | null)?.cause)
  );
}

/** Seconds a client is asked to wait before retrying after a database fault. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * What each procedure declares next to its definition: what it requires, "public", "authed" (any
 * signed-in user, acting on their own data) or a workspace permission. workspaceProcedure reads it;
 * the authorization-matrix test fails for a procedure that declares none.
 */
export interface ProcedureMeta {
  permission: Permission | "public" | "authed";
  /**
   * "generic": the workspace call's statements are planned once per connection and the plan
   * reused (PostgreSQL's `plan_cache_mode = force_generic_plan`, for this transaction only),
   * instead of for their values on every execution (db/client.ts). Only for calls whose
   * statements read by key (an alliance's id, the workspace's id), where a plan does not depend
   * on the values: planning was most of their database time. Not for searches and filters, whose
   * best plan does (a generic plan doubled the alliance search's database CPU).
   */
  plans?: "generic";
}

export const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: wire,
    /** The one place errors are shaped for the client (see describeError). */
    errorFormatter({ shape, error, ctx }) {
      const requestId = ctx?.requestId ?? "-";
      const { message, fieldErrors } = describeError(error, ctx?.locale ?? "fr", requestId);
      return {
        message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          requestId,
          fieldErrors,
        },
      };
    },
  });

const STATUS: Record<AppError["code"], TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/**
 * Each procedure as an OpenTelemetry span (`trpc alliances.page`), parent of its statements'
 * spans; a no-op while tracing is off (server/tracing.ts). A refusal marks the span with its code.
 */
export const tracing = t.middleware(({ next, path, type }) =>
  tracer().startActiveSpan(
    `trpc ${path}`,
    { attributes: { "rpc.system": "trpc", "rpc.method": path, "trpc.type": type } },
    async (span) => {
      try {
        const result = await next();
        if (!result.ok) {
          span.setAttribute("trpc.error_code", result.error.code);
          if (result.error.code === "INTERNAL_SERVER_ERROR")
            span.setStatus({ code: SpanStatusCode.ERROR, message: result.error.code });
        }
        return result;
      } finally {
        span.end();
      }
    },
  ),
);

/** Maps AppError to its tRPC code once, and logs unexpected failures with their detail. */
export const errorMapping = t.middleware(async ({ ctx, next, path, type }) => {
  const started = performance.now();
  const result = await next();
  const ms = Math.round(performance.now() - started);
  if (result.ok) {
    ctx.log.debug({ path, type, ms }, "procedure ok");
    return result;
  }
  const cause = result.error.cause;
  if (cause instanceof AppError) {
    ctx.log.info({ path, type, ms, code: cause.code, key: cause.messageKey }, "procedure refused");
    throw new TRPCError({ code: STATUS[cause.code], message: cause.messageKey, cause });
  }
  if (isDatabaseUnavailable(cause ?? result.error)) {
    ctx.log.warn({ path, type, ms, err: cause }, "database unavailable; answered 503");
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "errors.trpc.SERVICE_UNAVAILABLE",
      cause: cause ?? undefined,
    });
  }
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    ctx.log.error({ path, type, ms, err: cause ?? result.error }, "procedure failed");
  } else {
    ctx.log.info({ path, type, ms, code: result.error.code }, "procedure refused");
  }
  return result;
});
