import { TRPCError } from "@trpc/server";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import type { Locale } from "@/messages/locales";
import { reportCsv, reportXlsx } from "@/server/services/dashboards/sdg-report-export";
import { reportPdf } from "@/server/services/dashboards/sdg-report-pdf";
import { serverCaller } from "@/server/trpc/server-caller";

const Query = z.object({ year: z.coerce.number().int().min(2000).max(2100), format: z.enum(["pdf", "xlsx", "csv"]) });

const TYPES = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
} as const;

/**
 * Downloads the SDG report as PDF, XLSX or CSV. The figures come from the same procedure as the
 * page (so the same permission and tenant checks); a non-member gets 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return new Response("Bad request", { status: 400 });
  const { year, format } = query.data;
  let report;
  try {
    report = await (await serverCaller()).dashboards.sdgReport({ workspaceSlug, year });
  } catch (error) {
    const code = error instanceof TRPCError ? error.code : "INTERNAL_SERVER_ERROR";
    const status = code === "UNAUTHORIZED" ? 401 : code === "FORBIDDEN" ? 403 : code === "NOT_FOUND" ? 404 : 500;
    return new Response(status === 500 ? "Error" : code, { status });
  }
  const locale = (await getLocale()) as Locale;
  const body: Uint8Array | string =
    format === "pdf" ? new Uint8Array(await reportPdf(report, locale)) : format === "xlsx" ? new Uint8Array(await reportXlsx(report, locale)) : reportCsv(report, locale);
  const name = `odd-${workspaceSlug}-${year}.${format}`;
  return new Response(body as BodyInit, {
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": `attachment; filename="${name}"`,
      "Content-Length": String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength),
      "Cache-Control": "private, no-store",
    },
  });
}
