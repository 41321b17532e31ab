import Link from "next/link";
import { getTranslations } from "@/server/i18n/server-translations";
import { Suspense } from "react";
import { signOutAction } from "@/app/actions";
import { LanguageSwitch } from "./language-switch";
import { isOperator } from "@/server/auth/operators";
import { currentUser } from "@/server/trpc/server-caller";

/** Brand, language switch and the signed-in user's sign-out, on every page. */
export async function AppHeader() {
  const t = await getTranslations("app");
  const user = await currentUser();
  return (
    <header className="border-b border-slate-300 bg-white print:hidden">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link href={user ? "/workspaces" : "/"} className="text-lg font-bold text-slate-900 no-underline">
          {t("name")}
        </Link>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <Link href="/outils">{t("tools")}</Link>
          <Link href="/bibliotheque">{t("library")}</Link>
          <Link href="/observatoire">{t("observatory")}</Link>
          {user && isOperator(user.email) ? <Link href="/operator">{t("operator")}</Link> : null}
          <Suspense>
            <LanguageSwitch />
          </Suspense>
          {user ? (
            <>
              <Link href="/compte" className="text-slate-700" data-testid="signed-in-as">
                {t("signedInAs", { email: user.email })}
              </Link>
              <form action={signOutAction}>
                <button type="submit" className="btn btn-secondary btn-compact">
                  {t("signOut")}
                </button>
              </form>
            </>
          ) : null}
        </div>
      </div>
    </header>
  );
}
