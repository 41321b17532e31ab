import { TRPCError } from "@trpc/server";
import { getLocale } from "next-intl/server";
import { filtersFromSearchParams } from "@/components/alliances/list-filters";
import type { Locale } from "@/messages/locales";
import { alliancesCsv, alliancesXlsx } from "@/server/services/alliances/export-alliances";
import { tableCsv, tableXlsx } from "@/server/services/exchange/exports";
import { serverCaller } from "@/server/trpc/server-caller";

/**
 * Downloads the alliance list with the filters of the page it was asked from (all pages), or
 * with `table=ledger` the contribution ledger of those alliances, as CSV or XLSX, in the shape
 * the import reads back. Same procedure, permission and tenant checks
 * as the list.
 */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const url = new URL(request.url);
  const format = url.searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const ledger = url.searchParams.get("table") === "ledger";
  const { sort: _s, direction: _d, page: _p, pageSize: _ps, ...filters } = filtersFromSearchParams(Object.fromEntries(url.searchParams));
  const locale = (await getLocale()) as Locale;
  let body: Uint8Array | string;
  try {
    const caller = await serverCaller();
    if (ledger) {
      const table = await caller.alliances.exportLedger({ workspaceSlug, ...filters });
      body = format === "xlsx" ? new Uint8Array(await tableXlsx(table, locale, locale === "fr" ? "Contributions" : "Contributions")) : tableCsv(table, locale);
    } else {
      const rows = await caller.alliances.exportRows({ workspaceSlug, ...filters });
      body = format === "xlsx" ? new Uint8Array(await alliancesXlsx(rows, locale)) : alliancesCsv(rows, locale);
    }
  } catch (error) {
    const code = error instanceof TRPCError ? error.code : "INTERNAL_SERVER_ERROR";
    const status = code === "UNAUTHORIZED" ? 401 : code === "FORBIDDEN" ? 403 : code === "NOT_FOUND" ? 404 : code === "BAD_REQUEST" ? 400 : 500;
    return new Response(status === 500 ? "Error" : code, { status });
  }
  return new Response(body as BodyInit, {
    headers: {
      "Content-Type": format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ledger ? "contributions" : "alliances"}-${workspaceSlug}.${format}"`,
      "Content-Length": String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
