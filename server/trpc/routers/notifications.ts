import { listNotifications } from "../../services/notifications/list-notifications";
import { markAllRead } from "../../services/notifications/mark-all-read";
import { unreadCount } from "../../services/notifications/unread-count";
import { router, workspaceProcedure } from "../procedures";

export const notificationsRouter = router({
  list: workspaceProcedure.meta({ permission: "alliances.read" }).query(({ ctx }) => listNotifications(ctx.workspace)),
  unreadCount: workspaceProcedure.meta({ permission: "alliances.read" }).query(({ ctx }) => unreadCount(ctx.workspace)),
  markAllRead: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .mutation(({ ctx }) => markAllRead(ctx.workspace)),
});
