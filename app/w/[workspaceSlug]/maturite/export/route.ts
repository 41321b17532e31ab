import { getLocale } from "next-intl/server";
import type { Locale } from "@/messages/locales";
import { maturityCsv } from "@/server/files/maturity-csv";
import { maturityPdf } from "@/server/files/maturity-pdf";
import { download } from "@/server/http/download";
import { serverCaller } from "@/server/trpc/server-caller";

/** The workspace's self-assessments as CSV (`?format=csv`, the history) or PDF (result and history); same checks as its page. */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const format = new URL(request.url).searchParams.get("format") === "pdf" ? "pdf" : "csv";
  const locale = (await getLocale()) as Locale;
  return download(`maturite-odd-${workspaceSlug}`, format, async () => {
    const caller = await serverCaller();
    const maturity = await caller.maturity.get({ workspaceSlug, locale });
    if (format === "csv") return maturityCsv(maturity, locale);
    const workspace = await caller.workspaces.get({ workspaceSlug });
    return maturityPdf(maturity, workspace.name, locale);
  });
}
