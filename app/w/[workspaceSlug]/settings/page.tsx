import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { WorkspaceSettingsForm } from "@/components/workspaces/workspace-settings-form";
import { can } from "@/domain/roles";
import { readOrNotFound, serverCaller } from "@/server/trpc/server-caller";

type Params = { params: Promise<{ workspaceSlug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("workspaces"))("settingsTitle") };
}

export default async function SettingsPage({ params }: Params) {
  const { workspaceSlug } = await params;
  const t = await getTranslations("workspaces");
  const workspace = await readOrNotFound(async () => (await serverCaller()).workspaces.get({ workspaceSlug }));
  if (!can(workspace.myRole, "workspace.update")) notFound();
  return (
    <section className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold">{t("settingsTitle")}</h1>
      <WorkspaceSettingsForm workspace={workspace} />
    </section>
  );
}
