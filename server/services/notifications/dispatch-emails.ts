import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { memberships, notifications, users, workspaces } from "../../../db/schema";
import type { Logger } from "../../log";
import { translator } from "../../i18n/translate";
import { linkEmailHtml, type Mailer } from "../mail/mailer";
import { messageOr } from "../../../messages/labels";

/** Changes to the shared core are mailed at most once per alliance and workspace in this window. */
export const CHANGE_EMAIL_WINDOW_MS = 60 * 60 * 1000;
const BATCH = 50;

/**
 * Sends the emails of notifications not yet mailed, as the maillage_mailer role (it reads
 * notifications and their recipients, and may only mark them sent). French first, English
 * below. A notification about a change to the shared core is not mailed again when the same
 * workspace had one about the same alliance within the last hour (the inbox still lists it).
 * A failed send rolls the batch back, so it is tried again on the next run.
 */
export async function dispatchNotificationEmails(
  db: Db,
  mailer: Mailer,
  appUrl: string,
  log?: Logger,
): Promise<{ notifications: number; emails: number; batch: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local role maillage_mailer`);
    const pending = await tx
      .select({
        id: notifications.id,
        workspaceId: notifications.workspaceId,
        allianceId: notifications.allianceId,
        kind: notifications.kind,
        audience: notifications.audience,
        payload: notifications.payload,
        createdAt: notifications.createdAt,
        slug: workspaces.slug,
      })
      .from(notifications)
      .innerJoin(workspaces, eq(workspaces.id, notifications.workspaceId))
      .where(isNull(notifications.emailedAt))
      .orderBy(asc(notifications.createdAt))
      .limit(BATCH)
      .for("update", { of: notifications, skipLocked: true });
    let sent = 0;
    const fr = translator("fr");
    const en = translator("en");
    for (const n of pending) {
      let skip = false;
      if (n.kind === "alliance.changed" && n.allianceId) {
        const [recent] = await tx
          .select({ id: notifications.id })
          .from(notifications)
          .where(
            and(
              eq(notifications.workspaceId, n.workspaceId),
              eq(notifications.allianceId, n.allianceId),
              eq(notifications.kind, n.kind),
              gt(notifications.emailedAt, new Date(n.createdAt.getTime() - CHANGE_EMAIL_WINDOW_MS)),
            ),
          )
          .limit(1);
        skip = Boolean(recent);
      }
      if (!skip) {
        const roles =
          n.audience === "admins" ? (["owner", "admin"] as const) : (["owner", "admin", "editor", "viewer"] as const);
        const recipients = await tx
          .select({ email: users.email })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.workspaceId, n.workspaceId), inArray(memberships.role, [...roles])));
        const url =
          n.allianceId && n.kind !== "share.invited"
            ? `${appUrl}/w/${n.slug}/alliances/${n.allianceId}`
            : `${appUrl}/w/${n.slug}/notifications`;
        const values = {
          title: n.payload.title,
          organisation: n.payload.organisation,
          actor: n.payload.actor,
          detail: n.payload.detail ?? "",
        };
        const key = `notifications.kinds.${n.kind}`;
        const subject = messageOr(fr, key, n.kind, values);
        const body = `${subject}.\n\n${messageOr(en, key, n.kind, values)}.`;
        for (const r of recipients) {
          await mailer.send({
            to: r.email,
            subject: `Maillage — ${subject}`,
            text: `${body}\n\n${url}\n\n${fr("emails.notification.footer")}\n${en("emails.notification.footer")}`,
            html: linkEmailHtml({
              heading: subject,
              body,
              action: fr("emails.notification.action"),
              url,
              footer: `${fr("emails.notification.footer")} ${en("emails.notification.footer")}`,
            }),
          });
          sent++;
        }
      }
      await tx.update(notifications).set({ emailedAt: new Date() }).where(eq(notifications.id, n.id));
    }
    if (pending.length) log?.info({ notifications: pending.length, emails: sent }, "notification emails dispatched");
    return { notifications: pending.length, emails: sent, batch: BATCH };
  });
}
