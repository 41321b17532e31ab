import { env } from "@/env";
import { requestSessionUser } from "@/server/auth/request-session";
import { appDb, createRequestContext } from "@/server/runtime";
import { handleTrpcRequest } from "@/server/trpc/http";

async function handler(req: Request) {
  const appUrl = env().APP_URL;
  const user = await requestSessionUser(await appDb(), req.headers, appUrl);
  return handleTrpcRequest(req, {
    createContext: () => createRequestContext(req.headers, user),
    allowedOrigins: [new URL(appUrl).origin],
  });
}

export { handler as GET, handler as POST };
