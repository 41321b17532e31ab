import type { Metadata } from "next";
import { formatDate } from "@/domain/dates";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { ConfirmAction } from "@/components/members/confirm-action";
import { InviteForm } from "@/components/members/invite-form";
import { MemberRoleForm } from "@/components/members/member-role-form";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { can, canAssignRole, ROLES } from "@/domain/roles";
import { readOrNotFound, requireUser, serverCaller, readWorkspace } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

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
  const workspace = await readOrNotFound(() => readWorkspace(workspaceSlug));
  const members = await readOrNotFound(() => caller.members.list({ workspaceSlug }));
  const canInvite = can(workspace.myRole, "members.invite");
  const canManage = can(workspace.myRole, "members.manage");
  const invitations = canInvite ? await caller.memberInvitations.list({ workspaceSlug }) : [];
  const assignable = ROLES.filter((r) => canAssignRole(workspace.myRole, null, r));
  type Member = (typeof members)[number];
  const manageable = (m: Member) => canManage && m.userId !== me.id && canAssignRole(workspace.myRole, m.role, m.role);

  return (
    <ScopedMessages scope="members">
      <div className="space-y-10">
        <section className="space-y-4">
          <h1 className="text-2xl font-bold">{t("members.title")}</h1>
          <DataTable
            caption={t("members.title")}
            testId="members-table"
            rows={members}
            rowKey={(m) => m.userId}
            rowTestId={(m) => `member-${m.email}`}
            columns={[
              {
                key: "email",
                header: t("members.email"),
                rowHeader: true,
                cell: (m) => (
                  <>
                    {m.email} {m.userId === me.id ? <span className="text-slate-700">({t("members.you")})</span> : null}
                  </>
                ),
              },
              { key: "name", header: t("members.name"), cell: (m) => m.name ?? "—" },
              {
                key: "role",
                header: t("members.role"),
                cell: (m) =>
                  manageable(m) ? (
                    <MemberRoleForm
                      workspaceSlug={workspaceSlug}
                      member={m}
                      roles={ROLES.filter((r) => canAssignRole(workspace.myRole, m.role, r))}
                    />
                  ) : (
                    t(`roles.${m.role}`)
                  ),
              },
              {
                key: "joined",
                header: t("members.joined"),
                cell: (m) => formatDate(m.joinedAt, locale, { dateStyle: "medium" }),
              },
              ...(canManage
                ? [
                    {
                      key: "actions",
                      header: t("members.actions"),
                      cell: (m: Member) =>
                        manageable(m) ? (
                          <ConfirmAction
                            kind="remove"
                            workspaceSlug={workspaceSlug}
                            userId={m.userId}
                            label={t("members.remove")}
                            confirmText={t("members.removeConfirm", { email: m.email })}
                            doneText={t("members.removed", { email: m.email })}
                          />
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
          <ConfirmAction
            kind="leave"
            workspaceSlug={workspaceSlug}
            label={t("members.leave")}
            confirmText={t("members.leaveConfirm")}
          />
        </section>

        {canInvite ? (
          <>
            <Section id="invite-title" title={t("members.inviteTitle")} className="max-w-xl space-y-4">
              <InviteForm workspaceSlug={workspaceSlug} roles={assignable} />
            </Section>
            <Section id="pending-title" title={t("members.pendingTitle")}>
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
            </Section>
          </>
        ) : null}
      </div>
    </ScopedMessages>
  );
}
