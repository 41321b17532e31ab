import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "@/server/i18n/server-translations";
import { CreateWorkspaceForm } from "@/components/workspaces/create-workspace-form";
import { requireUser, serverCaller } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("workspaces"))("title") };
}

export default async function WorkspacesPage() {
  await requireUser();
  const t = await getTranslations();
  const workspaces = await (await serverCaller()).workspaces.listMine();
  return (
    <ScopedMessages scope="workspaces">
      <div className="space-y-10">
        <section className="space-y-4">
          <h1 className="text-2xl font-bold">{t("workspaces.title")}</h1>
          {workspaces.length === 0 ? (
            <p className="text-slate-800">{t("workspaces.empty")}</p>
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2" data-testid="my-workspaces">
              {workspaces.map((w) => (
                <li key={w.id} className="rounded-md border border-slate-300 bg-white p-4">
                  <Link href={`/w/${w.slug}`} className="text-lg font-semibold">
                    {w.name}
                  </Link>
                  <p className="text-sm text-slate-700">
                    {t(`workspaceKinds.${w.kind}`)} · {t("workspaces.yourRole", { role: t(`roles.${w.role}`) })}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="create-title" className="max-w-xl space-y-4">
          <h2 id="create-title" className="text-xl font-semibold">
            {t("workspaces.createTitle")}
          </h2>
          <CreateWorkspaceForm />
        </section>
      </div>
    </ScopedMessages>
  );
}
