import { and, sql } from "drizzle-orm";
import { z } from "zod";
import { resultRows } from "../../../db/rows";
import {
  isAtRisk,
  nextRuleChange,
  riskReasons,
  statusLight,
  type RiskReason,
  type StatusLight,
} from "../../../domain/evaluation";
import { listedByWorkspace } from "../alliances/access";
import type { WorkspaceContext } from "../context";
import { expiry, storedFigures, storedFiguresEntry } from "../stored-figures";
import { AtRiskInput } from "./schemas";

interface HealthRow {
  id: string;
  title: string;
  since: Date | string;
  last_closed: Date | string | null;
  running: boolean;
  overdue: boolean;
  last_activity: Date | string;
  trust_gap: boolean;
  balance_gap: boolean;
  ledger_last: number | string;
  ledger_previous: number | string;
}

/** One flag per dimension: a gap of 2 points or more on any question of it in the last closed cycle. */
const gapFlag = (dimension: string) => sql`coalesce((
  select bool_or(g.gap >= 2) from (
    select max(e.score) - min(e.score) as gap from evaluation_answers e
    where e.cycle_id = (select c.id from evaluation_cycles c where c.alliance_id = a.id and c.status = 'closed' order by c.closed_at desc limit 1)
      and e.dimension = ${dimension}
    group by e.question_key) g), false)`;

/**
 * The workspace's live alliances with the facts the health rules read, computed in SQL in one
 * statement: last closed cycle, a running or overdue cycle, last shared activity, trust and
 * balance gaps of the last closed cycle, and the ledger over the last 12 months and the 12
 * before. Tenant: the accepted party rows of the workspace (and row-level security).
 */
async function healthFacts(ctx: WorkspaceContext): Promise<HealthRow[]> {
  return resultRows<HealthRow>(
    await ctx.tx.execute(sql`
      select a.id, a.title, coalesce(a.starts_on::timestamptz, a.created_at) as since,
        (select max(c.closed_at) from evaluation_cycles c where c.alliance_id = a.id and c.status = 'closed') as last_closed,
        exists (select 1 from evaluation_cycles c where c.alliance_id = a.id and c.status = 'open') as running,
        exists (select 1 from evaluation_cycles c where c.alliance_id = a.id and c.status = 'open' and c.due_on < current_date) as overdue,
        greatest(a.updated_at, (select max(h.created_at) from alliance_changes h where h.alliance_id = a.id)) as last_activity,
        ${gapFlag("confiance")} as trust_gap,
        ${gapFlag("equilibre")} as balance_gap,
        (select coalesce(sum(k.value_cents), 0) from alliance_contributions k where k.alliance_id = a.id and k.occurred_on > current_date - 365) as ledger_last,
        (select coalesce(sum(k.value_cents), 0) from alliance_contributions k where k.alliance_id = a.id and k.occurred_on <= current_date - 365 and k.occurred_on > current_date - 730) as ledger_previous
      from alliances a
      where ${and(listedByWorkspace(ctx.workspaceId, sql`a.id`), sql`a.archived_at is null`)}
      order by a.title`),
  );
}

export interface AllianceHealth {
  id: string;
  title: string;
  light: StatusLight;
  reasons: RiskReason[];
}

/**
 * Every live alliance of the workspace with its evaluation light and risk reasons, read from the
 * workspace's stored figures while its data has not changed (stored-figures.ts). They expire at
 * midnight (overdue cycles, ledger windows) and when a light or an inactivity flag turns with
 * time, then at most TIME_RULE_LAG_MS late. Permission: alliances.read.
 */
export async function allianceHealth(ctx: WorkspaceContext): Promise<AllianceHealth[]> {
  return (await storedHealth(ctx)).value;
}

/** The same, with the instant the stored verdicts expire. */
export async function storedHealth(ctx: WorkspaceContext) {
  return storedFiguresEntry(ctx, "health", {}, async (midnight) => {
    const { health, changesAt } = await computeHealth(ctx);
    return { value: health, validUntil: expiry(midnight, changesAt) };
  });
}

/**
 * The verdicts computed now, with the instant at which one of them would next change by the
 * passing of time alone (null when none lies ahead).
 */
async function computeHealth(ctx: WorkspaceContext): Promise<{ health: AllianceHealth[]; changesAt: Date | null }> {
  const now = new Date();
  const facts = await healthFacts(ctx);
  let changesAt: number | null = null;
  for (const r of facts) {
    const at = nextRuleChange({
      lastClosedAt: r.last_closed ? new Date(r.last_closed) : null,
      since: new Date(r.since),
      lastActivityAt: new Date(r.last_activity),
      now,
    });
    if (at && (changesAt === null || at.getTime() < changesAt)) changesAt = at.getTime();
  }
  const health = facts.map((r) => ({
    id: r.id,
    title: r.title,
    light: statusLight({
      lastClosedAt: r.last_closed ? new Date(r.last_closed) : null,
      running: r.running,
      since: new Date(r.since),
      now,
    }),
    reasons: riskReasons({
      lastActivityAt: new Date(r.last_activity),
      overdueCycle: r.overdue,
      trustGap: r.trust_gap,
      balanceGap: r.balance_gap,
      ledgerLast12: Number(r.ledger_last),
      ledgerPrevious12: Number(r.ledger_previous),
      now,
    }),
  }));
  return { health, changesAt: changesAt === null ? null : new Date(changesAt) };
}

/**
 * The workspace's alliances at risk, by title, one page at a time, each with its reasons, and how
 * many there are in all. Permission: alliances.read.
 */
export async function atRiskAlliances(ctx: WorkspaceContext, input: z.infer<typeof AtRiskInput>) {
  const atRisk = (await allianceHealth(ctx)).filter(isAtRisk);
  const from = (input.page - 1) * input.pageSize;
  return {
    total: atRisk.length,
    page: input.page,
    pageSize: input.pageSize,
    items: atRisk.slice(from, from + input.pageSize),
  };
}

/**
 * How many of the workspace's alliances are at risk, kept as a figure of its own next to the
 * verdicts it counts: the list page shows the number, and reading it does not parse every
 * alliance's verdict (5,000 of them in a large workspace). It expires with them. Permission:
 * alliances.read.
 */
export async function atRiskCount(ctx: WorkspaceContext): Promise<number> {
  return storedFigures(ctx, "health-at-risk", {}, async () => {
    const { value, validUntil } = await storedHealth(ctx);
    return { value: value.filter(isAtRisk).length, validUntil };
  });
}
