import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { AcceptPartyInvitation } from "@/components/invitations/accept-party-invitation";
import { Notice } from "@/components/ui/notice";
import { CreateWorkspaceForm } from "@/components/workspaces/create-workspace-form";
import { currentUser, readOrNotFound, serverCaller } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Params = { params: Promise<{ token: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("partyInvitation"))("title") };
}

/**
 * The page an emailed invitation to co-own leads to: sign in, then accept for a workspace of
 * the invited organisation, or create that workspace first and come back here.
 */
export default async function PartyInvitationPage({ params }: Params) {
  const { token } = await params;
  const here = `/alliance-invitations/${token}`;
  if (!(await currentUser())) redirect(`/signin?callbackUrl=${encodeURIComponent(here)}`);
  const t = await getTranslations("partyInvitation");
  const invitation = await readOrNotFound(async () => (await serverCaller()).partyInvitations.preview({ token }));
  const values = {
    inviter: invitation.invitedBy ?? "",
    organisation: invitation.organisationName,
    title: invitation.title,
  };
  return (
    <ScopedMessages scope="allianceInvitation">
      <section className="mx-auto max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p>{invitation.invitedBy ? t("intro", values) : t("introNoInviter", values)}</p>
        <p className="text-slate-800">{t("explain")}</p>
        {invitation.email ? (
          <p className="text-sm text-slate-700">{t("forEmail", { email: invitation.email })}</p>
        ) : null}
        {!invitation.organisationVerified && invitation.status === "pending" ? (
          <Notice tone="info" testId="organisation-unverified">
            {t("unverified", { organisation: invitation.organisationName })}
          </Notice>
        ) : null}
        {invitation.status !== "pending" ? (
          <Notice tone="info">
            {t(
              invitation.status === "expired"
                ? "statusExpired"
                : invitation.status === "accepted"
                  ? "statusAccepted"
                  : "statusWithdrawn",
            )}
          </Notice>
        ) : !invitation.emailMatches ? (
          <Notice tone="error">{t("wrongEmail", { email: invitation.email ?? "" })}</Notice>
        ) : invitation.candidates.length > 0 ? (
          <AcceptPartyInvitation
            token={token}
            candidates={invitation.candidates}
            organisation={invitation.organisationName}
          />
        ) : (
          <div className="space-y-3">
            <p>{t("noWorkspace", { organisation: invitation.organisationName })}</p>
            <h2 className="text-xl font-semibold">{t("createTitle", { organisation: invitation.organisationName })}</h2>
            <CreateWorkspaceForm initialName={invitation.organisationName} returnTo={here} />
          </div>
        )}
      </section>
    </ScopedMessages>
  );
}
