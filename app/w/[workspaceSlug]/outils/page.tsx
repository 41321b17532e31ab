import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { ToolCatalogue } from "@/components/tools/tool-catalogue";
import { ToolFilters } from "@/components/tools/tool-filters";
import { ToolForm } from "@/components/tools/tool-form";
import { FormDialog } from "@/components/ui/form-dialog";
import { can } from "@/domain/roles";
import type { Locale } from "@/messages/locales";
import { toolFiltersFromSearchParams } from "@/server/services/tools/schemas";
import { readOrNotFound, serverCaller, readWorkspace } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Props = {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tools"))("workspaceTitle") };
}

/** The toolbox inside a workspace: the public catalogue and the workspace's private tools, which admins add. */
export default async function WorkspaceToolsPage({ params, searchParams }: Props) {
  const { workspaceSlug } = await params;
  const raw = await searchParams;
  const filters = toolFiltersFromSearchParams(raw);
  const locale = (await getLocale()) as Locale;
  const caller = await serverCaller();
  const workspace = await readOrNotFound(() => readWorkspace(workspaceSlug));
  const tools = await readOrNotFound(() => caller.tools.list({ workspaceSlug, ...filters, locale }));
  const t = await getTranslations("tools");
  return (
    <ScopedMessages scope="workspaceTools">
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">{t("workspaceTitle")}</h1>
        <p className="max-w-3xl text-slate-800">{t("workspaceIntro")}</p>
        {can(workspace.myRole, "workspace.update") ? (
          <div className="space-y-1">
            <FormDialog label={t("addTitle")} title={t("addTitle")} testId="add-tool">
              <p className="mb-3 text-sm text-slate-800">{t("addIntro")}</p>
              <ToolForm workspaceSlug={workspaceSlug} />
            </FormDialog>
          </div>
        ) : null}
        <ToolFilters filters={filters} resetHref={`/w/${workspaceSlug}/outils`} />
        <p role="status" className="text-sm text-slate-700" data-testid="tool-count">
          {t("count", { count: tools.length })}
        </p>
        <ToolCatalogue tools={tools} basePath={`/w/${workspaceSlug}/outils`} />
      </div>
    </ScopedMessages>
  );
}
