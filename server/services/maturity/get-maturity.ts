import { and, desc, eq, sql } from "drizzle-orm";
import { maturityAnswers, maturityAssessments, workspaces } from "../../../db/schema";
import { resultRows } from "../../../db/rows";
import { AXIS_TOOLS, MATURITY_AXES, MATURITY_VERSION, PEER_THRESHOLD, WEAK_LEVEL } from "../../../domain/maturity";
import type { ToolLanguage } from "../../../domain/toolbox";
import type { WorkspaceContext } from "../context";
import { listTools } from "../tools/list-tools";

/**
 * The workspace's SDG maturity: the open self-assessment (with the acting member's own levels
 * and how many members answered), the closed ones year after year, the peer medians when at
 * least PEER_THRESHOLD organisations of the same kind closed one of this version (through
 * app_maturity_peers, which never returns one organisation's levels), and the toolbox's tools
 * for the weak axes of the latest result. Tenant: ctx.workspaceId. Permission: alliances.read.
 */
export async function getMaturity(ctx: WorkspaceContext, locale: ToolLanguage) {
  const assessments = await ctx.tx
    .select()
    .from(maturityAssessments)
    .where(eq(maturityAssessments.workspaceId, ctx.workspaceId))
    .orderBy(desc(maturityAssessments.createdAt));
  const open = assessments.find((a) => a.status === "open") ?? null;
  let mine: Partial<Record<string, number>> | null = null;
  let contributors = 0;
  if (open) {
    const answers = await ctx.tx
      .select({ userId: maturityAnswers.userId, levels: maturityAnswers.levels })
      .from(maturityAnswers)
      .where(and(eq(maturityAnswers.assessmentId, open.id), eq(maturityAnswers.workspaceId, ctx.workspaceId)));
    contributors = answers.length;
    mine = answers.find((a) => a.userId === ctx.actor.userId)?.levels ?? null;
  }
  const closed = assessments
    .filter((a) => a.status === "closed")
    .map((a) => ({
      id: a.id,
      year: a.year,
      closedAt: a.closedAt!,
      levels: a.levels ?? {},
      version: a.questionnaireVersion,
    }));
  const [workspace] = await ctx.tx
    .select({ kind: workspaces.kind })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  const peerRows = resultRows<{ axis: string; median: number | null; peers: number }>(
    await ctx.tx.execute(
      sql`select * from app_maturity_peers(${MATURITY_VERSION}, ${workspace!.kind}, ${`{${MATURITY_AXES.join(",")}}`}::text[])`,
    ),
  );
  const peerCount = peerRows[0]?.peers ?? 0;
  // app_maturity_peers holds the threshold: below it, it returns the count and no median.
  const peers = peerRows.some((r) => r.median !== null)
    ? Object.fromEntries(peerRows.map((r) => [r.axis, r.median === null ? null : Number(r.median)]))
    : null;
  const latest = closed[0] ?? null;
  const weakAxes = latest ? MATURITY_AXES.filter((axis) => (latest.levels[axis] ?? 0) <= WEAK_LEVEL) : [];
  const tools = await Promise.all(
    weakAxes.map(async (axis) => {
      const { door, purposes } = AXIS_TOOLS[axis];
      const found = await listTools(ctx.tx, { door }, ctx.workspaceId, locale);
      return { axis, tools: found.filter((t) => purposes.includes(t.purpose)).slice(0, 3) };
    }),
  );
  return {
    kind: workspace!.kind,
    version: MATURITY_VERSION,
    open: open ? { id: open.id, year: open.year, version: open.version, contributors, mine } : null,
    closed,
    peers,
    peerCount,
    threshold: PEER_THRESHOLD,
    weak: tools,
  };
}
export type Maturity = Awaited<ReturnType<typeof getMaturity>>;
