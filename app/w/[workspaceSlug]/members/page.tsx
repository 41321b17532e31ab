import type { Metadata } from "next";
import { formatDate } from "@/domain/dates";
import { getTranslations, getLocale } from "next-intl/server";
import { ConfirmAction } from "@/components/members/confirm-action";
import { InviteForm } from "@/components/members/invite-form";
import { MemberRoleForm } from "@/components/members/member-role-form";
import { can, canAssignRole, ROLES } from "@/domain/roles";
import { readOrNotFound, requireUser, serverCaller } from "@/server/trpc/server-caller";

type Params = { params: Promise<{ workspaceSlug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("members"))("title") };
}

export default async function MembersPage({ params }: Params) {
  const { workspaceSlug } = await params;
  const me = await requireUser();
  const t = await getTranslations();
  const locale = await getLocale();
  const caller = await serverCaller();
  const workspace = await readOrNotFound(() => caller.workspaces.get({ workspaceSlug }));
  const members = await readOrNotFound(() => caller.members.list({ workspaceSlug }));
  const canInvite = can(workspace.myRole, "members.invite");
  const canManage = can(workspace.myRole, "members.manage");
  const invitations = canInvite ? await caller.memberInvitations.list({ workspaceSlug }) : [];
  const assignable = ROLES.filter((r) => canAssignRole(workspace.myRole, null, r));

  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-2xl font-bold">{t("members.title")}</h1>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm" data-testid="members-table">
            <caption className="sr-only">{t("members.title")}</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-2 pr-4">
                  {t("members.email")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("members.name")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("members.role")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("members.joined")}
                </th>
                {canManage ? (
                  <th scope="col" className="py-2">
                    {t("members.actions")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => {
                const isMe = m.userId === me.id;
                const manageable = canManage && !isMe && canAssignRole(workspace.myRole, m.role, m.role);
                return (
                  <tr key={m.userId} className="border-b border-slate-200 align-top" data-testid={`member-${m.email}`}>
                    <th scope="row" className="py-2 pr-4 font-normal">
                      {m.email} {isMe ? <span className="text-slate-700">({t("members.you")})</span> : null}
                    </th>
                    <td className="py-2 pr-4">{m.name ?? "—"}</td>
                    <td className="py-2 pr-4">
                      {manageable ? (
                        <MemberRoleForm
                          workspaceSlug={workspaceSlug}
                          member={m}
                          roles={ROLES.filter((r) => canAssignRole(workspace.myRole, m.role, r))}
                        />
                      ) : (
                        t(`roles.${m.role}`)
                      )}
                    </td>
                    <td className="py-2 pr-4">{formatDate(m.joinedAt, locale, { dateStyle: "medium" })}</td>
                    {canManage ? (
                      <td className="py-2">
                        {manageable ? (
                          <ConfirmAction
                            kind="remove"
                            workspaceSlug={workspaceSlug}
                            userId={m.userId}
                            label={t("members.remove")}
                            confirmText={t("members.removeConfirm", { email: m.email })}
                            doneText={t("members.removed", { email: m.email })}
                          />
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <ConfirmAction
          kind="leave"
          workspaceSlug={workspaceSlug}
          label={t("members.leave")}
          confirmText={t("members.leaveConfirm")}
        />
      </section>

      {canInvite ? (
        <>
          <section aria-labelledby="invite-title" className="max-w-xl space-y-4">
            <h2 id="invite-title" className="text-xl font-semibold">
              {t("members.inviteTitle")}
            </h2>
            <InviteForm workspaceSlug={workspaceSlug} roles={assignable} />
          </section>
          <section aria-labelledby="pending-title" className="space-y-3">
            <h2 id="pending-title" className="text-xl font-semibold">
              {t("members.pendingTitle")}
            </h2>
            {invitations.length === 0 ? (
              <p className="text-slate-800">{t("members.noPending")}</p>
            ) : (
              <ul className="space-y-2" data-testid="pending-invitations">
                {invitations.map((i) => (
                  <li
                    key={i.id}
                    className="flex flex-wrap items-center gap-3 rounded-md border border-slate-300 bg-white p-3 text-sm"
                  >
                    <span className="font-medium">{i.email}</span>
                    <span>{t(`roles.${i.role}`)}</span>
                    <span className="text-slate-700">
                      {i.isExpired
                        ? t("members.expired")
                        : t("members.expires", { date: formatDate(i.expiresAt, locale, { dateStyle: "medium" }) })}
                    </span>
                    <ConfirmAction
                      kind="revoke"
                      workspaceSlug={workspaceSlug}
                      invitationId={i.id}
                      label={t("members.revoke")}
                      doneText={t("members.revoked")}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}
