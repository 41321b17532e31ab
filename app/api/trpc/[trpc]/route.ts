import { env } from "@/env";
import { requestSessionUser } from "@/server/auth/request-session";
import { readCookie, sessionCookieName } from "@/server/auth/session-cookie";
import { appDb, createRequestContext } from "@/server/runtime";
import { registerDirectRoute } from "@/server/http/direct-routes";
import { guardDatabase } from "@/server/http/unavailable";
import { handleTrpcRequest } from "@/server/trpc/http";

async function handler(req: Request) {
  const appUrl = env().APP_URL;
  const user = await requestSessionUser(await appDb(), readCookie(req.headers, sessionCookieName(appUrl)) ?? undefined);
  return handleTrpcRequest(req, {
    createContext: (calls) => createRequestContext(req.headers, user, calls === 1),
    allowedOrigins: [new URL(appUrl).origin],
  });
}

const guarded = guardDatabase(handler);

// From the first call on, the server script hands /api/trpc/… to this same handler without
// Next.js's router (server/http/direct-routes.ts).
registerDirectRoute("/api/trpc/", guarded);

export { guarded as GET, guarded as POST };
