import { localeFromHeaders } from "../../messages/locales";
import { translateKey } from "../i18n/translate";
import { logger } from "../log";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../trpc/init";
import { requestIdFrom } from "./request-id";

/** The answer to a request caught in a database fault: 503, Retry-After, a message in the caller's language. */
export function databaseUnavailable(request: Request): Response {
  const requestId = requestIdFrom(request.headers);
  const message = translateKey(localeFromHeaders(request.headers), "errors.trpc.SERVICE_UNAVAILABLE");
  return Response.json(
    { error: { code: "SERVICE_UNAVAILABLE", message, requestId } },
    {
      status: 503,
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store", "X-Request-Id": requestId },
    },
  );
}

/**
 * Wraps a route handler so that a database fault escaping it (a session look-up, an audit row
 * written after the call) becomes a 503 with Retry-After instead of Next.js's bare 500.
 */
export function guardDatabase<A extends unknown[]>(handler: (request: Request, ...rest: A) => Promise<Response>) {
  return async (request: Request, ...rest: A): Promise<Response> => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      logger().warn({ err: error, path: new URL(request.url).pathname }, "database unavailable; answered 503");
      return databaseUnavailable(request);
    }
  };
}
