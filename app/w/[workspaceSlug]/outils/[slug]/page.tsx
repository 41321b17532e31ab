import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { DeleteToolButton } from "@/components/tools/delete-tool-button";
import { ToolForm } from "@/components/tools/tool-form";
import { FormDialog } from "@/components/ui/form-dialog";
import { can } from "@/domain/roles";
import { ToolView } from "@/components/tools/tool-view";
import type { Locale } from "@/messages/locales";
import { readOrNotFound, serverCaller, readWorkspace } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Props = { params: Promise<{ workspaceSlug: string; slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspaceSlug, slug } = await params;
  const tool = await (
    await serverCaller()
  ).tools
    .find({ workspaceSlug, slug, locale: (await getLocale()) as Locale })
    .catch(() => null);
  return tool ? { title: tool.title, description: tool.summary } : {};
}

/** One tool as a workspace member sees it: its own first, else the catalogue's, with features opening here. */
export default async function WorkspaceToolPage({ params }: Props) {
  const { workspaceSlug, slug } = await params;
  const locale = (await getLocale()) as Locale;
  const caller = await serverCaller();
  const workspace = await readOrNotFound(() => readWorkspace(workspaceSlug));
  const tool = await readOrNotFound(() => caller.tools.find({ workspaceSlug, slug, locale }));
  if (!tool) notFound();
  const t = await getTranslations("tools");
  const editable = tool.private && can(workspace.myRole, "workspace.update");
  return (
    <ScopedMessages scope="workspaceTool">
      <div className="space-y-6">
        <ToolView
          tool={tool}
          backHref={`/w/${workspaceSlug}/outils`}
          fileHref={`/w/${workspaceSlug}/outils/${tool.slug}/fichier`}
          workspaceSlug={workspaceSlug}
        />
        {editable ? (
          <div className="flex flex-wrap items-start gap-4 border-t border-slate-300 pt-4 print:hidden">
            <FormDialog label={t("edit")} title={t("editTitle")} testId="edit-tool">
              <ToolForm workspaceSlug={workspaceSlug} tool={tool} />
            </FormDialog>
            <DeleteToolButton workspaceSlug={workspaceSlug} id={tool.id} title={tool.title} />
          </div>
        ) : null}
      </div>
    </ScopedMessages>
  );
}
