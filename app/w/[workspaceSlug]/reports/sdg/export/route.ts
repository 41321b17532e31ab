import { getLocale } from "next-intl/server";
import { z } from "zod";
import { PRIMARY_WEIGHTS } from "@/domain/allocation";
import type { Locale } from "@/messages/locales";
import { download } from "@/server/http/download";
import { reportCsv, reportXlsx } from "@/server/files/sdg-report-export";
import { reportPdf } from "@/server/files/sdg-report-pdf";
import { serverCaller } from "@/server/trpc/server-caller";

const Query = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  format: z.enum(["pdf", "xlsx", "csv"]),
  primaryWeight: z.coerce
    .number()
    .refine((w) => (PRIMARY_WEIGHTS as readonly number[]).includes(w))
    .optional(),
});

/** Downloads the SDG report as PDF, XLSX or CSV, from the same procedure as the page; a non-member gets 404. */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return new Response("Bad request", { status: 400 });
  const { year, format, primaryWeight } = query.data;
  const locale = (await getLocale()) as Locale;
  return download(`odd-${workspaceSlug}-${year}`, format, async () => {
    const report = await (
      await serverCaller()
    ).dashboards.sdgReport({ workspaceSlug, year, full: true, primaryWeight });
    return format === "pdf"
      ? reportPdf(report, locale)
      : format === "xlsx"
        ? reportXlsx(report, locale)
        : reportCsv(report, locale);
  });
}
