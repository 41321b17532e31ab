/**
 * Liveness for a load balancer or an orchestrator: the process is up and answers HTTP. It reads
 * nothing, so a database outage does not get the process restarted (see /api/ready for that).
 */
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
