import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { ToolCatalogue } from "@/components/tools/tool-catalogue";
import { ToolFilters } from "@/components/tools/tool-filters";
import type { Locale } from "@/messages/locales";
import { toolFiltersFromSearchParams } from "@/server/services/tools/schemas";
import { serverCaller } from "@/server/trpc/server-caller";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tools");
  return { title: t("title"), description: t("metaDescription") };
}

/** The public toolbox: tools by entry door and purpose, filtered in the URL, open to anyone. */
export default async function ToolboxPage({ searchParams }: Props) {
  const raw = await searchParams;
  const filters = toolFiltersFromSearchParams(raw);
  const locale = (await getLocale()) as Locale;
  const tools = await (await serverCaller()).tools.catalogue({ ...filters, locale });
  const t = await getTranslations("tools");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="max-w-3xl text-slate-800">{t("intro")}</p>
      <ToolFilters filters={filters} resetHref="/outils" />
      <p role="status" className="text-sm text-slate-700" data-testid="tool-count">
        {t("count", { count: tools.length })}
      </p>
      <ToolCatalogue tools={tools} basePath="/outils" />
    </div>
  );
}
