import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import type { Locale } from "@/messages/locales";
import { labelOf } from "@/messages/labels";
import { observatoryPdf } from "@/server/files/observatory-pdf";
import { download } from "@/server/http/download";
import { serverCaller } from "@/server/trpc/server-caller";

/** The observatory of France (or `?scope=region&code=84`, `?scope=goal&code=17`) as a printable PDF. */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const scope = url.searchParams.get("scope") ?? "france";
  const code = url.searchParams.get("code") ?? undefined;
  const locale = (await getLocale()) as Locale;
  return download(`etat-des-lieux-alliances${code ? `-${scope}-${code.slice(0, 3)}` : ""}`, "pdf", async () => {
    const data = await (await serverCaller()).observatory.get({ scope, code } as never);
    const t = await getTranslations();
    const heading =
      data.scope === "region"
        ? t("observatory.regionTitle", { name: data.name ?? data.code })
        : data.scope === "goal"
          ? t("observatory.goalTitle", { goal: data.code, name: labelOf(t, "sdg.goals", data.code) })
          : t("observatory.title");
    return observatoryPdf(data, heading, locale);
  });
}
