import { and, desc, eq, gt, inArray, isNotNull, ne, sql } from "drizzle-orm";
import { allianceParties, notificationReads, notifications, users, workspaces } from "../../../db/schema";
import { can } from "../../../domain/roles";
import type { WorkspaceContext } from "../context";

/** Kinds of notification; their wording lives in messages (notifications.kinds.<kind>). */
export const NOTIFICATION_KINDS = [
  "share.invited",
  "share.accepted",
  "share.left",
  "alliance.changed",
  "audience.requested",
  "audience.approved",
  "audience.withdrawn",
  "evaluation.requested",
  "evaluation.closed",
  "evaluation.reminder",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who in the receiving workspace sees a kind: decisions go to admins, news to every member. */
const AUDIENCE: Record<NotificationKind, "admins" | "members"> = {
  "share.invited": "admins",
  "share.accepted": "members",
  "share.left": "members",
  "alliance.changed": "members",
  "audience.requested": "admins",
  "audience.approved": "admins",
  "audience.withdrawn": "admins",
  "evaluation.requested": "members",
  "evaluation.closed": "members",
  "evaluation.reminder": "members",
};

/** The name other parties know the acting workspace and person by. */
export async function actingNames(ctx: WorkspaceContext) {
  const [row] = await ctx.tx
    .select({ workspace: workspaces.name, userName: users.name, email: users.email })
    .from(workspaces)
    .leftJoin(users, eq(users.id, ctx.actor.userId))
    .where(eq(workspaces.id, ctx.workspaceId));
  return { organisation: row?.workspace ?? "", actor: row?.userName || row?.email || ctx.actor.email };
}

/**
 * Tells the other workspaces of an alliance what this one did. By default every other
 * accepted party; `to` names one workspace (an invitation). Row-level security refuses any
 * workspace that has no party row on an alliance the caller co-owns.
 */
export async function notifyParties(
  ctx: WorkspaceContext,
  allianceId: string,
  kind: NotificationKind,
  payload: { title: string; detail?: string },
  to?: string,
) {
  let targets: string[];
  if (to) {
    targets = [to];
  } else {
    const rows = await ctx.tx
      .select({ workspaceId: allianceParties.workspaceId })
      .from(allianceParties)
      .where(
        and(
          eq(allianceParties.allianceId, allianceId),
          eq(allianceParties.status, "accepted"),
          isNotNull(allianceParties.workspaceId),
          ne(allianceParties.workspaceId, ctx.workspaceId),
        ),
      );
    targets = rows.map((r) => r.workspaceId!);
  }
  if (targets.length === 0) return;
  const names = await actingNames(ctx);
  await ctx.tx.insert(notifications).values(
    targets.map((workspaceId) => ({
      workspaceId,
      allianceId,
      kind,
      audience: AUDIENCE[kind],
      payload: {
        title: payload.title,
        organisation: names.organisation,
        actor: names.actor,
        ...(payload.detail ? { detail: payload.detail } : {}),
      },
      createdBy: ctx.actor.userId,
    })),
  );
}

function visibleTo(ctx: WorkspaceContext) {
  const audiences: Array<"admins" | "members"> = can(ctx.role, "alliances.share") ? ["admins", "members"] : ["members"];
  return and(eq(notifications.workspaceId, ctx.workspaceId), inArray(notifications.audience, audiences));
}

async function readThrough(ctx: WorkspaceContext) {
  const [row] = await ctx.tx
    .select({ at: notificationReads.readThrough })
    .from(notificationReads)
    .where(and(eq(notificationReads.workspaceId, ctx.workspaceId), eq(notificationReads.userId, ctx.actor.userId)));
  return row?.at ?? new Date(0);
}

/** The latest notifications of the workspace meant for this member, newest first. Permission: alliances.read. */
export async function listNotifications(ctx: WorkspaceContext) {
  const since = await readThrough(ctx);
  const rows = await ctx.tx
    .select({
      id: notifications.id,
      kind: notifications.kind,
      allianceId: notifications.allianceId,
      payload: notifications.payload,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(visibleTo(ctx))
    .orderBy(desc(notifications.createdAt))
    .limit(50);
  return rows.map((r) => ({ ...r, unread: r.createdAt > since }));
}

/** How many notifications arrived since this member last opened the inbox. Permission: alliances.read. */
export async function unreadCount(ctx: WorkspaceContext) {
  const since = await readThrough(ctx);
  const [row] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(visibleTo(ctx), gt(notifications.createdAt, since)));
  return row?.n ?? 0;
}

/** Marks everything up to now as read for this member (not audited: it changes nothing shared). */
export async function markAllRead(ctx: WorkspaceContext) {
  const now = new Date();
  await ctx.tx
    .insert(notificationReads)
    .values({ workspaceId: ctx.workspaceId, userId: ctx.actor.userId, readThrough: now })
    .onConflictDoUpdate({
      target: [notificationReads.workspaceId, notificationReads.userId],
      set: { readThrough: now },
    });
  return { readThrough: now };
}
