import { and, eq, inArray, isNotNull, ne } from "drizzle-orm";
import { allianceParties, notificationReads, notifications, users, workspaces } from "../../../db/schema";
import { can } from "../../../domain/roles";
import type { WorkspaceContext } from "../context";
import { askDelivery } from "../../jobs/deliveries";

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
  // Mailed by a delivery run once this transaction commits (jobs/deliveries.ts).
  await askDelivery(ctx.tx);
}

/** The audiences of notifications a member's role reads: admins' ones need alliances.share. */
export function visibleAudiences(ctx: WorkspaceContext): Array<"admins" | "members"> {
  return can(ctx.role, "alliances.share") ? ["admins", "members"] : ["members"];
}

export function visibleTo(ctx: WorkspaceContext) {
  return and(eq(notifications.workspaceId, ctx.workspaceId), inArray(notifications.audience, visibleAudiences(ctx)));
}

export async function readThrough(ctx: WorkspaceContext) {
  const [row] = await ctx.tx
    .select({ at: notificationReads.readThrough })
    .from(notificationReads)
    .where(and(eq(notificationReads.workspaceId, ctx.workspaceId), eq(notificationReads.userId, ctx.actor.userId)));
  return row?.at ?? new Date(0);
}
