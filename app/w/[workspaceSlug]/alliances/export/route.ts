import { getLocale } from "next-intl/server";
import { filtersFromSearchParams } from "@/components/alliances/list-filters";
import type { Locale } from "@/messages/locales";
import { download } from "@/server/http/download";
import { alliancesCsv, alliancesXlsx } from "@/server/files/alliances-export";
import { tableCsv, tableXlsx } from "@/server/files/export-table";
import { serverCaller } from "@/server/trpc/server-caller";

/**
 * Downloads the alliance list with the filters of the page it was asked from (all pages), or
 * with `table=ledger` the contribution ledger of those alliances, as CSV or XLSX, in the shape
 * the import reads back. Same procedures, permission and tenant checks as the list.
 */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const ledger = url.searchParams.get("table") === "ledger";
  const {
    sort: _s,
    direction: _d,
    page: _p,
    pageSize: _ps,
    ...filters
  } = filtersFromSearchParams(Object.fromEntries(url.searchParams));
  const locale = (await getLocale()) as Locale;
  return download(`${ledger ? "contributions" : "alliances"}-${workspaceSlug}`, format, async () => {
    const caller = await serverCaller();
    if (ledger) {
      const table = await caller.alliances.exportLedger({ workspaceSlug, ...filters });
      return format === "xlsx" ? tableXlsx(table, locale, "Contributions") : tableCsv(table, locale);
    }
    const rows = await caller.alliances.exportRows({ workspaceSlug, ...filters });
    return format === "xlsx" ? alliancesXlsx(rows, locale) : alliancesCsv(rows, locale);
  });
}
