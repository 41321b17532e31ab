import { nextEvaluationDue, statusLight } from "../../../domain/evaluation";
import type { WorkspaceContext } from "../context";
import { listCycles } from "../evaluation/list-cycles";
import { listIndicators } from "../evaluation/list-indicators";
import { getAudience } from "./get-audience";
import { contributionTotals } from "./contribution-totals";
import { getAlliance } from "./get-alliance";
import { getPrivateLayer } from "./get-private-layer";
import { getSdgClaims } from "./get-sdg-claims";
import { allianceHistory } from "./alliance-history";

/**
 * Everything the alliance page shows, read in one transaction (one request, one round of the
 * procedure's set-up) instead of eight calls one after the other: the shared record with its
 * ledger totals, the history, this workspace's private layer, the audience, the SDG claims, the
 * evaluation cycles and indicators, and the verdicts the header shows (status light, next due
 * date). The reads are the same service functions the separate procedures use, so each keeps its
 * own access check. Permission: alliances.read.
 */
export async function alliancePage(ctx: WorkspaceContext, allianceId: string) {
  // The first read refuses an alliance this workspace cannot reach before the others run.
  const detail = await getAlliance(ctx, allianceId);
  const [history, privateLayer, audience, claims, cycles, indicators] = await Promise.all([
    allianceHistory(ctx, allianceId),
    getPrivateLayer(ctx, allianceId),
    getAudience(ctx, allianceId),
    getSdgClaims(ctx, allianceId),
    listCycles(ctx, allianceId),
    listIndicators(ctx, allianceId),
  ]);
  const closed = cycles.filter((c) => c.closedAt).map((c) => c.closedAt!.getTime());
  const lastClosedAt = closed.length ? new Date(Math.max(...closed)) : null;
  const openCycle = cycles.find((c) => c.status === "open") ?? null;
  const since = detail.startsOn ? new Date(detail.startsOn) : detail.createdAt;
  const now = new Date();
  return {
    alliance: { ...detail, totals: contributionTotals(detail.contributions) },
    history,
    privateLayer,
    audience,
    claims,
    cycles,
    indicators,
    light: statusLight({ lastClosedAt, running: openCycle !== null, since, now }),
    /** The open cycle's due date, or the day the next evaluation falls due (past when it is late). */
    nextDue: openCycle
      ? { kind: "cycle" as const, on: openCycle.dueOn, cycleId: openCycle.id }
      : {
          kind: "evaluation" as const,
          on: nextEvaluationDue({ lastClosedAt, since }).toISOString().slice(0, 10),
          cycleId: null,
        },
  };
}
