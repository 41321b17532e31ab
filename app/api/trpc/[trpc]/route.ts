import { env } from "@/env";
import { requestSessionUser } from "@/server/auth/request-session";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { appDb, createRequestContext } from "@/server/runtime";
import { registerDirectRoute } from "@/server/http/direct-routes";
import { guardDatabase } from "@/server/http/unavailable";
import { handleTrpcRequest } from "@/server/trpc/http";

/** The session cookie's value in a request's Cookie header. */
function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at <= 0 || part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

async function handler(req: Request) {
  const appUrl = env().APP_URL;
  const user = await requestSessionUser(await appDb(), cookieOf(req, sessionCookieName(appUrl)));
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
