import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { RETRY_AFTER_SECONDS, type TrpcContext } from "./init";
import { appRouter } from "./root";

/** Calls one HTTP request may batch: beyond that the whole batch is refused. */
export const MAX_BATCH_SIZE = 20;

/**
 * A mutation must come from our own pages: browsers always send Origin on POST, so a
 * foreign Origin (or Sec-Fetch-Site: cross-site) is refused before any procedure runs.
 */
export function isCrossOriginMutation(req: Request, allowedOrigins: string[]): boolean {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return false;
  if (req.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = req.headers.get("origin");
  if (!origin) return false;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const sameHost = host ? [`http://${host}`, `https://${host}`] : [];
  return ![...allowedOrigins, ...sameHost, new URL(req.url).origin].includes(origin);
}

export async function handleTrpcRequest(
  req: Request,
  options: { createContext: (calls: number) => Promise<TrpcContext>; allowedOrigins: string[] },
): Promise<Response> {
  if (isCrossOriginMutation(req, options.allowedOrigins)) {
    return Response.json({ error: { message: "Cross-origin request refused", code: "FORBIDDEN" } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ info }) => options.createContext(info.calls.length),
    maxBatchSize: MAX_BATCH_SIZE,
    responseMeta: ({ errors }) =>
      errors.some((e) => e.code === "SERVICE_UNAVAILABLE")
        ? { headers: new Headers({ "Retry-After": String(RETRY_AFTER_SECONDS) }) }
        : {},
  });
}
