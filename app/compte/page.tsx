import type { Metadata } from "next";
import { getTranslations } from "@/server/i18n/server-translations";
import { DeleteAccount } from "@/components/settings/danger-zone";
import { requireUser, serverCaller } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("gdpr"))("accountTitle") };
}

/** The signed-in person's account: what Maillage keeps about them, and deleting it. */
export default async function AccountPage() {
  const user = await requireUser();
  const t = await getTranslations("gdpr");
  const owned = await (await serverCaller()).account.ownedWorkspaces();
  return (
    <ScopedMessages scope="account">
      <div className="max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">{t("accountTitle")}</h1>
        <p>{t("accountIntro", { email: user.email })}</p>
        <h2 className="pt-4 text-xl font-semibold">{t("deleteAccount")}</h2>
        <DeleteAccount email={user.email} owned={owned} />
      </div>
    </ScopedMessages>
  );
}
