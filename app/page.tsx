import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentUser } from "@/server/trpc/server-caller";

export default async function HomePage() {
  if (await currentUser()) redirect("/workspaces");
  const t = await getTranslations();
  return (
    <section className="space-y-4">
      <h1 className="text-3xl font-bold">{t("home.title")}</h1>
      <p className="max-w-2xl text-lg text-slate-800">{t("app.tagline")}</p>
      <p className="max-w-2xl text-slate-800">{t("home.intro")}</p>
      <p>
        <Link href="/signin" className="inline-block rounded-md bg-blue-700 px-4 py-2 font-medium text-white no-underline hover:bg-blue-800">
          {t("home.signIn")}
        </Link>
      </p>
    </section>
  );
}
