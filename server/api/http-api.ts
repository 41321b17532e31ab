import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { apiTokens, auditEvents } from "../../db/schema";
import { withScope } from "../../db/scope";
import { localeFromHeaders, type Locale } from "../../messages/locales";
import { translateKey } from "../i18n/translate";
import type { Logger } from "../log";
import { countRateLimitHit } from "../auth/rate-limit";
import { findActiveApiToken } from "./tokens";
import type { Mailer } from "../services/mail/mailer";
import { describeError, RETRY_AFTER_SECONDS } from "../trpc/init";
import { createCaller } from "../trpc/root";
import { requestIdFrom } from "../http/request-id";

type Caller = ReturnType<typeof createCaller>;
type Json = Record<string, unknown>;

interface Call {
  caller: Caller;
  workspaceSlug: string;
  params: string[];
  query: URLSearchParams;
  body: Json;
}

interface Route {
  method: "GET" | "POST" | "PUT";
  pattern: RegExp;
  /** Read tokens may call only the reading routes. */
  write: boolean;
  created?: boolean;
  run: (call: Call) => Promise<unknown>;
}

const number = (v: string | null) => (v === null || v === "" ? undefined : Number(v));
const text = (v: string | null) => (v === null || v === "" ? undefined : v);

/** The list filters a query string may carry, as the alliance list understands them. */
function listFilters(q: URLSearchParams) {
  return {
    cursor: text(q.get("cursor")),
    limit: number(q.get("limit")),
    q: text(q.get("q")),
    stage: text(q.get("stage")) as never,
    mode: text(q.get("mode")) as never,
    sdgGoal: number(q.get("sdgGoal")),
    sdgTarget: text(q.get("sdgTarget")),
    region: text(q.get("region")),
    departement: text(q.get("departement")),
    tag: text(q.get("tag")),
    archived: q.get("archived") === "true",
  };
}

const UUID = "([0-9a-fA-F-]{36})";

/** The request body with the route's own fields on top; the procedure's zod input checks it all. */
const withBody = (body: Json, fields: Json) => ({ ...body, ...fields }) as never;

/** Every route of the API: each one is a tRPC procedure of the app, with its checks and validation. */
export const ROUTES: Route[] = [
  {
    method: "GET",
    pattern: /^\/alliances$/,
    write: false,
    run: ({ caller, workspaceSlug, query }) => caller.alliances.page({ workspaceSlug, ...listFilters(query) }),
  },
  {
    method: "POST",
    pattern: /^\/alliances$/,
    write: true,
    created: true,
    run: ({ caller, workspaceSlug, body }) => caller.alliances.create(withBody(body, { workspaceSlug })),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/alliances/${UUID}$`),
    write: false,
    run: ({ caller, workspaceSlug, params }) => caller.alliances.get({ workspaceSlug, id: params[0]! }),
  },
  {
    method: "PUT",
    pattern: new RegExp(`^/alliances/${UUID}$`),
    write: true,
    run: ({ caller, workspaceSlug, params, body }) =>
      caller.alliances.update(withBody(body, { workspaceSlug, id: params[0]! })),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/alliances/${UUID}/contributions$`),
    write: false,
    run: async ({ caller, workspaceSlug, params }) => {
      const detail = await caller.alliances.get({ workspaceSlug, id: params[0]! });
      return { items: detail.contributions, totals: detail.totals };
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`^/alliances/${UUID}/contributions$`),
    write: true,
    created: true,
    run: ({ caller, workspaceSlug, params, body }) =>
      caller.alliances.addContribution(withBody(body, { workspaceSlug, allianceId: params[0]! })),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/alliances/${UUID}/indicators$`),
    write: false,
    run: async ({ caller, workspaceSlug, params }) => ({
      items: await caller.evaluation.indicators({ workspaceSlug, allianceId: params[0]! }),
    }),
  },
  {
    method: "POST",
    pattern: new RegExp(`^/alliances/${UUID}/indicators$`),
    write: true,
    created: true,
    run: ({ caller, workspaceSlug, params, body }) =>
      caller.evaluation.addIndicator(withBody(body, { workspaceSlug, allianceId: params[0]! })),
  },
  {
    method: "POST",
    pattern: new RegExp(`^/alliances/${UUID}/indicators/${UUID}/results$`),
    write: true,
    created: true,
    run: ({ caller, workspaceSlug, params, body }) =>
      caller.evaluation.addResult(withBody(body, { workspaceSlug, allianceId: params[0]!, indicatorId: params[1]! })),
  },
  {
    method: "GET",
    pattern: /^\/organisations$/,
    write: false,
    run: ({ caller, workspaceSlug, query }) =>
      caller.organisations.page({
        workspaceSlug,
        cursor: text(query.get("cursor")),
        limit: number(query.get("limit")),
      }),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/organisations/${UUID}$`),
    write: false,
    run: ({ caller, workspaceSlug, params }) => caller.organisations.get({ workspaceSlug, id: params[0]! }),
  },
];

export interface ApiDeps {
  db: Db;
  log: Logger;
  mailer: Mailer;
  appUrl: string;
  /** Calls per token per minute. */
  rateLimit: number;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

function refusal(
  status: number,
  code: string,
  message: string,
  requestId: string,
  extra: Json = {},
  headers: Record<string, string> = {},
) {
  return json(status, { error: { code, message, requestId, ...extra } }, { "X-Request-Id": requestId, ...headers });
}

/**
 * The HTTP API: `Authorization: Bearer <token>`, JSON in and out, routes under /api/v1. Each call
 * goes through the app's own procedure (same permission, tenant scope, validation and messages,
 * in the language of Accept-Language), is limited per token per minute, and leaves an audit row.
 */
export async function handleApiRequest(request: Request, path: string, deps: ApiDeps): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  const locale: Locale = localeFromHeaders(request.headers);
  const say = (key: string, params: Record<string, string | number> = {}) => translateKey(locale, key, params);
  const token = await findActiveApiToken(
    deps.db,
    /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1],
  );
  if (!token)
    return refusal(
      401,
      "UNAUTHORIZED",
      say("errors.api.token"),
      requestId,
      {},
      { "WWW-Authenticate": 'Bearer realm="maillage"' },
    );

  // Counted in the database, so every instance of the app shares the token's minute.
  const current = await countRateLimitHit(deps.db, `api:${token.id}`, { limit: deps.rateLimit, windowMs: 60_000 });
  const remaining = Math.max(0, deps.rateLimit - current.count);
  const limitHeaders = { "X-RateLimit-Limit": String(deps.rateLimit), "X-RateLimit-Remaining": String(remaining) };
  if (current.count > deps.rateLimit) {
    const retry = Math.max(1, Math.ceil((current.retryAt.getTime() - Date.now()) / 1000));
    return refusal(
      429,
      "TOO_MANY_REQUESTS",
      say("errors.api.rateLimited", { seconds: retry }),
      requestId,
      {},
      { ...limitHeaders, "Retry-After": String(retry) },
    );
  }

  const method = request.method.toUpperCase();
  const matches = ROUTES.map((r) => ({ route: r, match: r.pattern.exec(path) })).filter((m) => m.match);
  const found = matches.find((m) => m.route.method === method);
  let response: Response;
  if (!found) {
    response = matches.length
      ? refusal(
          405,
          "METHOD_NOT_ALLOWED",
          say("errors.api.method"),
          requestId,
          {},
          { Allow: matches.map((m) => m.route.method).join(", ") },
        )
      : refusal(404, "NOT_FOUND", say("errors.api.route"), requestId);
  } else if (found.route.write && token.scope !== "read_write") {
    response = refusal(403, "FORBIDDEN", say("errors.api.readOnly"), requestId);
  } else {
    let body: Json = {};
    if (method !== "GET") {
      try {
        const parsed = (await request.json()) as unknown;
        body = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Json) : {};
      } catch {
        body = {};
      }
    }
    const caller = createCaller({
      db: deps.db,
      user: { id: token.userId, email: token.email },
      requestId,
      locale,
      log: deps.log.child({ requestId, apiToken: token.id }),
      mailer: deps.mailer,
      appUrl: deps.appUrl,
      // Write routes honour Idempotency-Key: the same key and body within 24 hours get the first answer.
      idempotencyKey: found.route.write ? request.headers.get("idempotency-key") : null,
      memberships: new Map(),
    });
    try {
      const data = await found.route.run({
        caller,
        workspaceSlug: token.slug,
        params: found.match!.slice(1),
        query: new URL(request.url).searchParams,
        body,
      });
      response = json(found.route.created ? 201 : 200, data);
    } catch (error) {
      const trpc = error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
      const { message, fieldErrors } = describeError(trpc, locale, requestId);
      if (trpc.code === "INTERNAL_SERVER_ERROR")
        deps.log.error({ err: trpc.cause ?? trpc, requestId }, "api call failed");
      response = refusal(
        getHTTPStatusCodeFromError(trpc),
        trpc.code,
        message,
        requestId,
        fieldErrors ? { fields: fieldErrors } : {},
        trpc.code === "SERVICE_UNAVAILABLE" ? { "Retry-After": String(RETRY_AFTER_SECONDS) } : {},
      );
    }
  }
  for (const [k, v] of Object.entries(limitHeaders)) response.headers.set(k, v);
  response.headers.set("X-Request-Id", requestId);

  // Every call leaves a trace, refused ones included, in its own transaction.
  await withScope(deps.db, { userId: token.userId, workspaceId: token.workspaceId }, async (tx) => {
    await tx.insert(auditEvents).values({
      workspaceId: token.workspaceId,
      actorUserId: token.userId,
      action: "api.call",
      entityType: "api_token",
      entityId: token.id,
      after: { method, path, status: response.status },
      requestId,
    });
    await tx.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, token.id));
  }).catch((error: unknown) => deps.log.error({ err: error, requestId }, "could not audit an API call"));
  return response;
}
