import { getTranslations } from "@/server/i18n/server-translations";
import { Notice } from "@/components/ui/notice";
import { env } from "@/env";

export default async function CheckEmailPage() {
  const t = await getTranslations("signIn");
  return (
    <section className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{t("checkEmailTitle")}</h1>
      <Notice tone="success" testId="check-email">
        {t("checkEmail")}
      </Notice>
      {env().EMAIL_SERVER ? null : <p className="text-sm text-slate-800">{t("checkEmailLocal")}</p>}
    </section>
  );
}
