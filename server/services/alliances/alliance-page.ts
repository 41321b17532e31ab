import type { AllianceSection } from "../../../domain/alliances";
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
import { getGuide, guideProgress } from "../guide/get-guide";
import { suggestToolsFor } from "../tools/suggest-tools";
import type { ToolLanguage } from "../../../domain/toolbox";

/** Which of the page's reads each section needs beyond the header's (the record and the cycles). */
const SECTION_READS: Record<
  AllianceSection,
  ReadonlyArray<"history" | "privateLayer" | "audience" | "claims" | "indicators" | "guide" | "suggestions">
> = {
  apercu: ["suggestions"],
  cadrage: ["guide"],
  contributions: [],
  evaluation: ["claims", "indicators"],
  journal: [],
  partage: ["audience"],
  prive: ["privateLayer"],
  historique: ["history"],
};

/**
 * What the alliance page shows, read in one transaction (one request, one round of the
 * procedure's set-up) instead of eight calls one after the other: the shared record with its
 * ledger totals, the evaluation cycles and the verdicts the header shows (status light, next due
 * date), and, for the section asked for or for all when none is, the history, this workspace's
 * private layer, the audience, the SDG claims, the indicators, the questioning guide and the suggested tools (null when
 * not read; the guide's progress is always there). The reads are the same service functions the separate procedures use, so each keeps its own access check:
 * every one of them reads the alliance under row-level security again, which is why a section
 * skips those it does not show. Permission: alliances.read.
 */
export async function alliancePage(
  ctx: WorkspaceContext,
  allianceId: string,
  section: AllianceSection | undefined,
  locale: ToolLanguage,
) {
  const wanted = (part: (typeof SECTION_READS)[AllianceSection][number]) =>
    section === undefined || SECTION_READS[section].includes(part);
  const when = <T>(part: Parameters<typeof wanted>[0], read: () => Promise<T>) =>
    wanted(part) ? read() : Promise.resolve(null);
  // The first read refuses an alliance this workspace cannot reach before the others run.
  const detail = await getAlliance(ctx, allianceId);
  const [history, privateLayer, audience, claims, cycles, indicators, guide, progress, suggestions] = await Promise.all(
    [
      when("history", () => allianceHistory(ctx, allianceId)),
      when("privateLayer", () => getPrivateLayer(ctx, allianceId)),
      when("audience", () => getAudience(ctx, allianceId)),
      when("claims", () => getSdgClaims(ctx, allianceId)),
      listCycles(ctx, allianceId),
      when("indicators", () => listIndicators(ctx, allianceId)),
      when("guide", () => getGuide(ctx, allianceId)),
      wanted("guide") ? Promise.resolve(null) : guideProgress(ctx, allianceId),
      when("suggestions", () =>
        suggestToolsFor(
          ctx,
          {
            stage: detail.stage,
            entryDoors: detail.entryDoors,
            partyKinds: detail.parties.filter((p) => p.status === "accepted").map((p) => p.kind),
          },
          locale,
        ),
      ),
    ],
  );
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
    guide,
    /** The tools suggested for the alliance's stage ("Outils pour cette étape"), in the overview. */
    suggestions,
    /** The guide's answered questions out of all: the cadrage tab's badge. */
    guideProgress: guide ? { answered: guide.answered, total: guide.total } : progress!,
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
