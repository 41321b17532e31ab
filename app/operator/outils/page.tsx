import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { RetireToolButton } from "@/components/tools/retire-tool-button";
import { ToolForm } from "@/components/tools/tool-form";
import { DataTable } from "@/components/ui/data-table";
import { FormDialog } from "@/components/ui/form-dialog";
import { labelOf } from "@/messages/labels";
import { requireUser, serverCaller } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tools"))("operatorTitle") };
}

/** Operators edit the public toolbox: create, edit in both languages, retire, restore and order its tools. */
export default async function OperatorToolsPage() {
  await requireUser();
  const tools = await (await serverCaller()).operator.tools().catch(() => notFound());
  const t = await getTranslations();
  return (
    <ScopedMessages scope="operatorTools">
      <div className="space-y-6">
        <p>
          <Link href="/operator">← {t("operator.title")}</Link>
        </p>
        <h1 className="text-2xl font-bold">{t("tools.operatorTitle")}</h1>
        <p className="max-w-3xl text-slate-800">{t("tools.operatorIntro")}</p>
        <FormDialog label={t("tools.new")} title={t("tools.new")} variant="primary" testId="new-catalogue-tool">
          <ToolForm />
        </FormDialog>
        <DataTable
          caption={t("tools.operatorTitle")}
          testId="catalogue-tools"
          rows={tools}
          rowKey={(tool) => tool.id}
          columns={[
            {
              key: "title",
              header: t("tools.textTitle"),
              rowHeader: true,
              cell: (tool) => (
                <>
                  {tool.retired ? tool.title : <Link href={`/outils/${tool.slug}`}>{tool.title}</Link>}
                  <span className="block text-xs text-slate-700">{tool.slug}</span>
                </>
              ),
            },
            {
              key: "cell",
              header: `${t("tools.door")} · ${t("tools.purpose")}`,
              cell: (tool) =>
                t("tools.cell", {
                  door: labelOf(t, "alliance.entryDoors", tool.door),
                  purpose: labelOf(t, "tools.purposes", tool.purpose),
                }),
            },
            { key: "kind", header: t("tools.kind"), cell: (tool) => labelOf(t, "tools.kinds", tool.kind) },
            { key: "position", header: t("tools.position"), className: "tabular-nums", cell: (tool) => tool.position },
            {
              key: "actions",
              header: t("operator.decision"),
              cell: (tool) => (
                <div className="flex flex-wrap gap-2">
                  {tool.retired ? <span className="text-sm text-slate-700">{t("tools.retired")}</span> : null}
                  <FormDialog label={t("tools.edit")} title={`${t("tools.editTitle")} : ${tool.title}`}>
                    <ToolForm tool={tool} />
                  </FormDialog>
                  <RetireToolButton id={tool.id} version={tool.version} retired={tool.retired} title={tool.title} />
                </div>
              ),
            },
          ]}
        />
      </div>
    </ScopedMessages>
  );
}
