import { and, sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { labelled, LEDGER_COLUMNS } from "../../../domain/exchange";
import type { Locale } from "../../../messages/locales";
import { translator } from "../../i18n/translate";
import { listConditions } from "../alliances/list-alliances";
import type { ListAlliancesInput } from "../alliances/schemas";
import type { WorkspaceContext } from "../context";
import { labelOf } from "../../../messages/labels";
import { ExportTable } from "../../files/export-table";

/**
 * The contribution ledger of the alliances the list's filters keep: one row per entry, every
 * party's. Tenant: the list's conditions (and row-level security). Permission: alliances.read.
 */
export async function contributionLedger(
  ctx: WorkspaceContext,
  filters: Omit<ListAlliancesInput, "sort" | "direction" | "page" | "pageSize">,
  locale: Locale,
): Promise<ExportTable> {
  const t = translator(locale);
  const where = and(...listConditions(ctx, filters));
  const rows = resultRows<{
    alliance_id: string;
    title: string;
    party: string;
    kind: string;
    quantity: string | number;
    unit: string;
    value_cents: string | number | null;
    occurred_on: string;
    note: string | null;
  }>(
    await ctx.tx.execute(sql`
      select alliances.id as alliance_id, alliances.title, o.name as party, k.kind, k.quantity, k.unit, k.value_cents, k.occurred_on::text as occurred_on, k.note
      from alliance_contributions k
      join alliances on alliances.id = k.alliance_id
      join alliance_parties p on p.id = k.party_id
      join organisations o on o.id = p.organisation_id
      where ${where}
      order by alliances.title, k.occurred_on, k.id
      limit 200000`),
  );
  return {
    columns: LEDGER_COLUMNS,
    rows: rows.map((r) => [
      r.alliance_id,
      r.title,
      r.party,
      labelled(labelOf(t, "alliance.contributionKinds", r.kind), r.kind),
      Number(r.quantity),
      r.unit,
      r.value_cents === null ? null : Number(r.value_cents) / 100,
      r.occurred_on,
      r.note,
    ]),
  };
}
