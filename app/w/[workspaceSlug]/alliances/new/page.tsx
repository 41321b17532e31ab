import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { AllianceForm } from "@/components/alliances/alliance-form";
import { allianceFormOptions } from "@/components/alliances/form-options";
import { emptyDraft } from "@/components/alliances/form-state";
import { can } from "@/domain/roles";
import { readOrNotFound, readWorkspace } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Params = { params: Promise<{ workspaceSlug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alliances"))("new") };
}

export default async function NewAlliancePage({ params }: Params) {
  const { workspaceSlug } = await params;
  const t = await getTranslations("alliances");
  const workspace = await readOrNotFound(async () => readWorkspace(workspaceSlug));
  if (!can(workspace.myRole, "alliances.write")) notFound();
  const options = allianceFormOptions([], workspace.lists);
  return (
    <ScopedMessages scope="allianceNew">
      <div className="max-w-3xl space-y-6">
        <h1 className="text-2xl font-bold">{t("new")}</h1>
        <AllianceForm
          workspaceSlug={workspaceSlug}
          initial={emptyDraft(new Date().toISOString().slice(0, 10))}
          {...options}
        />
      </div>
    </ScopedMessages>
  );
}
