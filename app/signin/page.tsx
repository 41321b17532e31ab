import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { demoSignIn } from "@/app/actions";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Notice } from "@/components/ui/notice";
import { DEMO_PERSONAS } from "@/db/seed";
import { env } from "@/env";
import { currentUser } from "@/server/trpc/server-caller";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await currentUser()) redirect("/workspaces");
  const t = await getTranslations("signIn");
  const { error, callbackUrl } = await searchParams;
  return (
    <div className="mx-auto max-w-md space-y-8">
      <section className="space-y-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        {error ? <Notice tone="error">{error === "RateLimited" ? t("rateLimited") : error === "EmailSignin" ? t("sendFailed") : t("error")}</Notice> : null}
        <p className="text-slate-800">{t("intro")}</p>
        <SignInForm callbackUrl={callbackUrl} />
      </section>
      {env().demoSignIn ? (
        <section aria-labelledby="demo-title" className="space-y-3 rounded-md border border-amber-700 bg-amber-50 p-4">
          <h2 id="demo-title" className="text-lg font-semibold">
            {t("demoTitle")}
          </h2>
          <p className="text-sm text-slate-900">{t("demoIntro")}</p>
          <ul className="space-y-2">
            {DEMO_PERSONAS.map((p) => (
              <li key={p.key}>
                <form action={demoSignIn}>
                  <input type="hidden" name="persona" value={p.key} />
                  <button
                    type="submit"
                    className="w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-left text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700"
                  >
                    {t("demoAs", { name: `${p.name}, ${t(`personas.${p.key}`)}` })}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
