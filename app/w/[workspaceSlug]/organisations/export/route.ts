import { getLocale } from "next-intl/server";
import type { Locale } from "@/messages/locales";
import { download } from "@/server/http/download";
import { tableCsv, tableXlsx } from "@/server/files/export-table";
import { serverCaller } from "@/server/trpc/server-caller";

/** Downloads the workspace's organisation directory as CSV or XLSX (same checks as the directory page). */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const locale = (await getLocale()) as Locale;
  return download(`organisations-${workspaceSlug}`, format, async () => {
    const table = await (await serverCaller()).organisations.exportDirectory({ workspaceSlug });
    return format === "xlsx" ? tableXlsx(table, locale, "Organisations") : tableCsv(table, locale);
  });
}
