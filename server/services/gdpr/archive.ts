import { sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import { alliancesCsv } from "../../files/alliances-export";
import { exportAllianceRows } from "../alliances/export-alliances";
import type { WorkspaceContext } from "../context";
import { contributionLedger } from "../exchange/contribution-ledger";
import { organisationDirectory } from "../exchange/organisation-directory";
import { tableCsv } from "../../files/export-table";

/** Shared tables of the alliances the workspace is an accepted party of (their core, as every party sees it). */
const SHARED: Array<{ table: string; drop?: string[] }> = [
  { table: "alliances", drop: ["search_text", "search_vector"] },
  { table: "alliance_parties", drop: ["invitation_token_hash"] },
  { table: "alliance_mode_periods" },
  { table: "alliance_sdg_targets" },
  { table: "alliance_territories" },
  { table: "alliance_engagements" },
  { table: "alliance_contributions" },
  { table: "alliance_timeline" },
  { table: "alliance_sdg_claims" },
  { table: "alliance_changes" },
  { table: "evaluation_cycles" },
  { table: "alliance_indicators" },
  { table: "indicator_results" },
];

/** What only this workspace holds: its private layer and its own records. */
const PRIVATE: Array<{ table: string; drop?: string[] }> = [
  { table: "alliance_private_notes" },
  { table: "alliance_private_entries" },
  { table: "evaluation_participants" },
  { table: "evaluation_answers" },
  { table: "workspace_organisations" },
  { table: "organisation_contacts" },
  { table: "sdg_report_narratives" },
  { table: "territory_coordinations" },
  { table: "notifications" },
  { table: "audit_events" },
  { table: "alliance_imports", drop: ["rows"] },
  { table: "alliance_external_refs" },
  { table: "api_tokens", drop: ["token_hash"] },
];

export interface ArchiveFile {
  name: string;
  content: string;
}

/**
 * Everything the workspace holds, as JSON (one file per table) and CSV (the alliance list,
 * contribution ledger and organisation directory, as the exports write them): the shared core
 * of its alliances, its own private layer, never another party's. Scoped in code to the
 * workspace and its alliances, and by row-level security. Permission: workspace.update.
 */
export async function workspaceArchive(ctx: WorkspaceContext): Promise<ArchiveFile[]> {
  const mine = sql`(select p.alliance_id from alliance_parties p where p.workspace_id = ${ctx.workspaceId} and p.status = 'accepted')`;
  const dump = async (table: string, where: ReturnType<typeof sql>, drop: string[] = []) => {
    const removed = drop.reduce((expr, column) => sql`${expr} - ${column}`, sql`to_jsonb(t)`);
    const rows = resultRows<{ row: unknown }>(
      await ctx.tx.execute(sql`select ${removed} as row from ${sql.identifier(table)} t where ${where}`),
    );
    return {
      name: `${table}.json`,
      content: JSON.stringify(
        rows.map((r) => r.row),
        null,
        2,
      ),
    };
  };
  const files: ArchiveFile[] = [];
  files.push(await dump("workspaces", sql`t.id = ${ctx.workspaceId}`));
  const members = resultRows<Record<string, unknown>>(
    await ctx.tx.execute(
      sql`select u.email, u.name, m.role, m.created_at from memberships m join users u on u.id = m.user_id where m.workspace_id = ${ctx.workspaceId} order by u.email`,
    ),
  );
  files.push({ name: "members.json", content: JSON.stringify(members, null, 2) });
  for (const { table, drop } of SHARED)
    files.push(await dump(table, table === "alliances" ? sql`t.id in ${mine}` : sql`t.alliance_id in ${mine}`, drop));
  for (const { table, drop } of PRIVATE) files.push(await dump(table, sql`t.workspace_id = ${ctx.workspaceId}`, drop));
  // The organisations its alliances name, and the ones it keeps notes on.
  files.push(
    await dump(
      "organisations",
      sql`t.id in (select p.organisation_id from alliance_parties p where p.alliance_id in ${mine}) or t.id in (select w.organisation_id from workspace_organisations w where w.workspace_id = ${ctx.workspaceId})`,
      ["search_name"],
    ),
  );
  files.push({
    name: "alliances.csv",
    content: alliancesCsv(await exportAllianceRows(ctx, { archived: false }), ctx.locale),
  });
  files.push({
    name: "alliances-archived.csv",
    content: alliancesCsv(await exportAllianceRows(ctx, { archived: true }), ctx.locale),
  });
  files.push({
    name: "contributions.csv",
    content: tableCsv(await contributionLedger(ctx, { archived: false }, ctx.locale), ctx.locale),
  });
  files.push({
    name: "organisations.csv",
    content: tableCsv(await organisationDirectory(ctx, ctx.locale), ctx.locale),
  });
  files.push({
    name: "LISEZMOI.txt",
    content: [
      "Archive Maillage de l'espace / Maillage workspace archive",
      "",
      "*.json : une table par fichier / one table per file.",
      "Les alliances partagées y figurent avec leur tronc commun et votre couche privée ; les couches privées des autres parties n'y sont pas.",
      "Shared alliances come with their common core and your private layer; other parties' private layers are not included.",
      "*.csv : liste des alliances, contributions, organisations, comme les exports (réimportables) / as the exports write them (re-importable).",
    ].join("\r\n"),
  });
  return files;
}
