import type { NextRequest } from "next/server";
import { env } from "@/env";
import { requestSessionUser } from "@/server/auth/request-session";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { appDb, createRequestContext } from "@/server/runtime";
import { handleTrpcRequest } from "@/server/trpc/http";

async function handler(req: NextRequest) {
  const appUrl = env().APP_URL;
  const user = await requestSessionUser(await appDb(), req.cookies.get(sessionCookieName(appUrl))?.value);
  return handleTrpcRequest(req, {
    createContext: () => createRequestContext(req.headers, user),
    allowedOrigins: [new URL(appUrl).origin],
  });
}

export { handler as GET, handler as POST };
