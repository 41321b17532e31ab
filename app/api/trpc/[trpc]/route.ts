import type { NextRequest } from "next/server";
import { env } from "@/env";
import { requestSessionUser } from "@/server/auth/request-session";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { appDb, createRequestContext } from "@/server/runtime";
import { guardDatabase } from "@/server/http/unavailable";
import { handleTrpcRequest } from "@/server/trpc/http";

async function handler(req: NextRequest) {
  const appUrl = env().APP_URL;
  const user = await requestSessionUser(await appDb(), req.cookies.get(sessionCookieName(appUrl))?.value);
  return handleTrpcRequest(req, {
    createContext: (calls) => createRequestContext(req.headers, user, calls === 1),
    allowedOrigins: [new URL(appUrl).origin],
  });
}

const guarded = guardDatabase((req: Request) => handler(req as NextRequest));

export { guarded as GET, guarded as POST };
