import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { AcceptInvitationButton } from "@/components/invitations/accept-invitation-button";
import { Notice } from "@/components/ui/notice";
import { currentUser, readOrNotFound, serverCaller } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Params = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invitation"))("title") };
}

export default async function InvitationPage({ params }: Params) {
  const { token } = await params;
  if (!(await currentUser())) redirect(`/signin?callbackUrl=${encodeURIComponent(`/invitations/${token}`)}`);
  const t = await getTranslations();
  const invitation = await readOrNotFound(async () => (await serverCaller()).memberInvitations.preview({ token }));
  const role = t(`roles.${invitation.role}`);
  return (
    <ScopedMessages scope="invitation">
      <section className="mx-auto max-w-lg space-y-4">
        <h1 className="text-2xl font-bold">{t("invitation.title")}</h1>
        <p>{t("invitation.intro", { workspace: invitation.workspaceName, role })}</p>
        <p className="text-slate-800">{t("invitation.forEmail", { email: invitation.email })}</p>
        {invitation.status === "pending" ? (
          invitation.emailMatches ? (
            <AcceptInvitationButton token={token} />
          ) : (
            <Notice tone="error">{t("invitation.wrongEmail", { email: invitation.email })}</Notice>
          )
        ) : (
          <Notice tone="info">
            {t(
              invitation.status === "accepted"
                ? "invitation.statusAccepted"
                : invitation.status === "revoked"
                  ? "invitation.statusRevoked"
                  : "invitation.statusExpired",
            )}
          </Notice>
        )}
        {invitation.workspaceSlug ? <Link href={`/w/${invitation.workspaceSlug}`}>{t("invitation.open")}</Link> : null}
      </section>
    </ScopedMessages>
  );
}
