import { TRPCError } from "@trpc/server";
import { getLocale } from "next-intl/server";
import type { Locale } from "@/messages/locales";
import { tableCsv, tableXlsx } from "@/server/services/exchange/exports";
import { serverCaller } from "@/server/trpc/server-caller";

/** Downloads the workspace's organisation directory as CSV or XLSX (same checks as the directory page). */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "csv";
  const locale = (await getLocale()) as Locale;
  let body: Uint8Array | string;
  try {
    const table = await (await serverCaller()).organisations.exportDirectory({ workspaceSlug });
    body = format === "xlsx" ? new Uint8Array(await tableXlsx(table, locale, "Organisations")) : tableCsv(table, locale);
  } catch (error) {
    const code = error instanceof TRPCError ? error.code : "INTERNAL_SERVER_ERROR";
    const status = code === "UNAUTHORIZED" ? 401 : code === "FORBIDDEN" ? 403 : code === "NOT_FOUND" ? 404 : 500;
    return new Response(status === 500 ? "Error" : code, { status });
  }
  return new Response(body as BodyInit, {
    headers: {
      "Content-Type": format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="organisations-${workspaceSlug}.${format}"`,
      "Content-Length": String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
