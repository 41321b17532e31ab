import { env } from "@/env";
import { handleApiRequest } from "@/server/api/http-api";
import { guardDatabase } from "@/server/http/unavailable";
import { logger } from "@/server/log";
import { appDb, runtime } from "@/server/runtime";

/** The HTTP API (see /api/docs): token-authenticated, JSON, one handler for every route. */
async function handler(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const { path } = await params;
  const config = env();
  return handleApiRequest(request, `/${path.join("/")}`, {
    db: await appDb(),
    log: logger(),
    mailer: runtime().mailer,
    appUrl: config.APP_URL,
    rateLimit: config.API_RATE_LIMIT,
  });
}

const guarded = guardDatabase(handler);

export { guarded as GET, guarded as POST, guarded as PUT };
