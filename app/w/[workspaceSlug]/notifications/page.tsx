import type { Metadata } from "next";
import { formatDate } from "@/domain/dates";
import Link from "next/link";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { MarkNotificationsRead } from "@/components/notifications/mark-read";
import { messageOr } from "@/messages/labels";
import { readOrNotFound, serverCaller } from "@/server/trpc/server-caller";

type Props = { params: Promise<{ workspaceSlug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

/** The workspace's inbox: invitations, changes to shared alliances, audience requests. */
export default async function NotificationsPage({ params }: Props) {
  const { workspaceSlug } = await params;
  const caller = await serverCaller();
  const items = await readOrNotFound(() => caller.notifications.list({ workspaceSlug }));
  const t = await getTranslations("notifications");
  const locale = await getLocale();
  return (
    <section aria-labelledby="notifications-title" className="space-y-4">
      <h1 id="notifications-title" className="text-2xl font-bold">
        {t("title")}
      </h1>
      <p className="text-slate-800">{t("intro")}</p>
      {items.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <ol className="space-y-2" data-testid="notifications">
          {items.map((n) => (
            <li
              key={n.id}
              className={`rounded-md border p-3 ${n.unread ? "border-blue-700 bg-blue-50" : "border-slate-300 bg-white"}`}
            >
              <p>
                {n.unread ? (
                  <span className="mr-2 rounded bg-blue-800 px-1.5 py-0.5 text-xs font-semibold text-white">
                    {t("new")}
                  </span>
                ) : null}
                {messageOr(t, `kinds.${n.kind}`, n.kind, {
                  title: n.payload.title,
                  organisation: n.payload.organisation ?? "",
                  actor: n.payload.actor ?? "",
                  detail: n.payload.detail ?? "",
                })}
              </p>
              <p className="text-sm text-slate-700">
                {formatDate(n.createdAt, locale, { dateStyle: "medium", timeStyle: "short" })}
                {n.allianceId && n.kind !== "share.invited" ? (
                  <>
                    {" · "}
                    <Link href={`/w/${workspaceSlug}/alliances/${n.allianceId}`}>{t("open")}</Link>
                  </>
                ) : n.kind === "share.invited" ? (
                  <>
                    {" · "}
                    <Link href={`/w/${workspaceSlug}/alliances`}>{t("open")}</Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      )}
      <MarkNotificationsRead workspaceSlug={workspaceSlug} />
    </section>
  );
}
