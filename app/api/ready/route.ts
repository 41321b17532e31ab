import { appDb } from "@/server/runtime";
import { checkReadiness } from "@/server/http/readiness";

/**
 * Readiness: 200 when the database answers and holds every migration of this build, 503
 * otherwise (and while the server shuts down, answered by scripts/serve.ts). Unauthenticated,
 * two queries, at most 2 s. Says too whether some process runs the background jobs.
 */
export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await checkReadiness(await appDb());
  return Response.json(readiness, {
    status: readiness.ready ? 200 : 503,
    headers: { "Cache-Control": "no-store", ...(readiness.ready ? {} : { "Retry-After": "1" }) },
  });
}
