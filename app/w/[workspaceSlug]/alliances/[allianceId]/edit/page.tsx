import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { z } from "zod";
import { AllianceForm } from "@/components/alliances/alliance-form";
import { allianceFormOptions } from "@/components/alliances/form-options";
import { draftFromAlliance } from "@/components/alliances/form-state";
import { can } from "@/domain/roles";
import { readOrNotFound, serverCaller, readWorkspace } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Params = { params: Promise<{ workspaceSlug: string; allianceId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alliances"))("editTitle") };
}

export default async function EditAlliancePage({ params }: Params) {
  const { workspaceSlug, allianceId } = await params;
  if (!z.uuid().safeParse(allianceId).success) notFound();
  const t = await getTranslations("alliances");
  const caller = await serverCaller();
  const workspace = await readOrNotFound(() => readWorkspace(workspaceSlug));
  if (!can(workspace.myRole, "alliances.write")) notFound();
  const alliance = await readOrNotFound(() => caller.alliances.get({ workspaceSlug, id: allianceId }));
  const options = allianceFormOptions(
    alliance.territories.map((p) => p.code),
    workspace.lists,
  );
  return (
    <ScopedMessages scope="allianceEdit">
      <div className="max-w-3xl space-y-6">
        <h1 className="text-2xl font-bold">{t("editTitle")}</h1>
        <AllianceForm
          workspaceSlug={workspaceSlug}
          initial={draftFromAlliance(alliance, (code) => options.placeLabels[code] ?? code)}
          existing={{ id: alliance.id, version: alliance.version }}
          {...options}
        />
      </div>
    </ScopedMessages>
  );
}
