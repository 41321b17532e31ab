import { getLocale } from "next-intl/server";
import type { Locale } from "@/messages/locales";
import { download } from "@/server/http/download";
import { templateCsv, templateXlsx } from "@/server/files/import-template";
import { serverCaller } from "@/server/trpc/server-caller";

/** The import template (CSV or XLSX) in the user's language, for members who may import. */
export async function GET(request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const format = new URL(request.url).searchParams.get("format") === "csv" ? "csv" : "xlsx";
  const locale = (await getLocale()) as Locale;
  return download(locale === "fr" ? "modele-import-alliances" : "alliance-import-template", format, async () => {
    await (await serverCaller()).imports.list({ workspaceSlug });
    return format === "xlsx" ? templateXlsx(locale) : templateCsv(locale);
  });
}
