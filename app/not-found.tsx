import Link from "next/link";
import { getTranslations } from "@/server/i18n/server-translations";

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <section className="space-y-3">
      <h1 className="text-2xl font-bold">{t("errors.trpc.NOT_FOUND")}</h1>
      <p>{t("errors.workspace.notFound")}</p>
      <Link href="/workspaces">{t("workspaces.title")}</Link>
    </section>
  );
}
