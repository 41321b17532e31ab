"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { setLocale } from "@/app/actions";
import { LOCALES } from "@/messages/locales";

/** Two buttons, one per language; the current one is marked pressed. Returns to the same page. */
export function LanguageSwitch() {
  const t = useTranslations("app");
  const locale = useLocale();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return (
    <form action={setLocale} className="flex items-center gap-1" aria-label={t("language")}>
      <input type="hidden" name="returnTo" value={search ? `${pathname}?${search}` : pathname} />
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === locale}
          className={`rounded px-2 py-1 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700 ${l === locale ? "bg-slate-900 text-white" : "text-blue-800 underline"}`}
        >
          {t(`languages.${l}`)}
        </button>
      ))}
    </form>
  );
}
