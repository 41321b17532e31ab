import { env } from "@/env";
import { auth } from "@/server/auth";
import { createRequestContext } from "@/server/runtime";
import { handleTrpcRequest } from "@/server/trpc/http";
import { sessionUser } from "@/server/auth/session-user";

async function handler(req: Request) {
  const session = await auth();
  return handleTrpcRequest(req, {
    createContext: () => createRequestContext(req.headers, sessionUser(session)),
    allowedOrigins: [new URL(env().APP_URL).origin],
  });
}

export { handler as GET, handler as POST };
