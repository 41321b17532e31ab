import { type SQL, sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { listedByWorkspace } from "../alliances/access";
import { listIncomingInvitations } from "../alliances/list-incoming-invitations";
import { listMentionRequests } from "../alliances/list-mention-requests";
import type { WorkspaceContext } from "../context";
import { isAtRisk } from "../../../domain/evaluation";
import { storedHealth } from "../evaluation/health";
import { earliest, storedFigures } from "../stored-figures";

/** How many of each kind of action the block lists; the count says how many there are in all. */
const SHOWN = 5;

export interface ActionList<T> {
  total: number;
  items: T[];
}

function firstOf<T>(items: T[]): ActionList<T> {
  return { total: items.length, items: items.slice(0, SHOWN) };
}

/**
 * What waits for this workspace, whatever the dashboard's filters: evaluation cycles it has not
 * answered, co-ownership invitations and library mention requests to decide, wider audiences its
 * co-owners asked it to agree to, live alliances ending within 90 days, alliances at risk.
 * Each item carries what its link needs. Permission: alliances.read.
 */
export async function myActions(ctx: WorkspaceContext) {
  const rows = async <T>(query: SQL) => resultRows<T>(await ctx.tx.execute(query));
  const live = sql`${listedByWorkspace(ctx.workspaceId, sql`a.id`)} and a.archived_at is null`;

  // The cycles awaiting this workspace's answer, read from its pending participations first (a
  // few rows), then each one's alliance by primary key. Joined the other way, PostgreSQL started
  // from the workspace's 5,000 alliances (it guesses 10 for row-level security's array) and probed
  // each for an open cycle: 12.7 ms against 2.1 ms in psql on national-1, with no cycle pending.
  const cyclesQ = rows<{
    cycle_id: string;
    alliance_id: string;
    title: string;
    period: string;
    due_on: string;
    overdue: boolean;
  }>(sql`
    with pending as materialized (
      select c.id as cycle_id, c.alliance_id, c.period, c.due_on
      from evaluation_participants p
      join evaluation_cycles c on c.id = p.cycle_id
      where p.workspace_id = ${ctx.workspaceId} and p.status = 'pending' and c.status = 'open'
    )
    select pending.cycle_id, a.id as alliance_id, a.title, pending.period, pending.due_on::text as due_on,
      pending.due_on < current_date as overdue
    from pending
    cross join lateral (
      select a.id, a.title from alliances a
      where a.id = pending.alliance_id and a.archived_at is null
        and exists (select 1 from alliance_parties ap
          where ap.alliance_id = a.id and ap.workspace_id = ${ctx.workspaceId} and ap.status = 'accepted')
      limit 1
    ) a
    order by pending.due_on, a.title`);
  const audienceQ = () =>
    rows<{ alliance_id: string; title: string; audience: "territory" | "public" }>(sql`
    select a.id as alliance_id, a.title, a.requested_audience::text as audience
    from alliances a
    join alliance_parties p on p.alliance_id = a.id and p.workspace_id = ${ctx.workspaceId} and p.status = 'accepted'
    where ${live} and a.requested_audience <> 'parties'
      and (p.audience_consent is distinct from a.requested_audience or p.consent_revision is distinct from a.public_revision)
    order by a.title`);
  const endingQ = () =>
    rows<{ alliance_id: string; title: string; ends_on: string }>(sql`
    select a.id as alliance_id, a.title, a.ends_on::text as ends_on from alliances a
    where ${live} and a.ends_on >= current_date and a.ends_on <= current_date + 90
    order by a.ends_on, a.title`);

  // Everything but the cycles waiting for an answer depends only on the workspace's data and on
  // the date, so it is kept with the workspace's stored figures until either changes (a large
  // workspace's at-risk verdicts alone are 5,000 rows to read and filter). The pending answers
  // live in evaluation_participants, which does not raise the figures' version: read each time.
  const [cycles, kept] = await Promise.all([
    cyclesQ,
    storedFigures(ctx, "my-actions", {}, async (midnight) => {
      const [audience, ending, invitations, mentions, health] = await Promise.all([
        audienceQ(),
        endingQ(),
        listIncomingInvitations(ctx),
        listMentionRequests(ctx),
        storedHealth(ctx),
      ]);
      const atRisk = health.value.filter(isAtRisk);
      return {
        value: {
          invitations: firstOf(
            invitations.map((i) => ({
              partyId: i.partyId,
              allianceId: i.allianceId,
              title: i.title,
              invitedBy: i.invitedBy,
            })),
          ),
          mentions: firstOf(
            mentions.map((m) => ({
              partyId: m.partyId,
              allianceId: m.allianceId,
              title: m.title,
              declaredBy: m.declaredBy,
            })),
          ),
          audience: firstOf(audience.map((a) => ({ allianceId: a.alliance_id, title: a.title, audience: a.audience }))),
          ending: firstOf(ending.map((e) => ({ allianceId: e.alliance_id, title: e.title, endsOn: e.ends_on }))),
          atRisk: firstOf(atRisk.map((h) => ({ allianceId: h.id, title: h.title, reasons: h.reasons }))),
        },
        validUntil: earliest(midnight, health.validUntil),
      };
    }),
  ]);
  const result = {
    cycles: firstOf(
      cycles.map((c) => ({
        cycleId: c.cycle_id,
        allianceId: c.alliance_id,
        title: c.title,
        period: c.period,
        dueOn: c.due_on,
        overdue: Boolean(c.overdue),
      })),
    ),
    ...kept,
  };
  return { ...result, total: Object.values(result).reduce((sum, list) => sum + list.total, 0) };
}
