import { listNotifications, markAllRead, unreadCount } from "../../services/notifications/notifications";
import { router, workspaceProcedure } from "../procedures";

export const notificationsRouter = router({
  list: workspaceProcedure.meta({ permission: "alliances.read" }).query(({ ctx }) => listNotifications(ctx.workspace)),
  unreadCount: workspaceProcedure.meta({ permission: "alliances.read" }).query(({ ctx }) => unreadCount(ctx.workspace)),
  markAllRead: workspaceProcedure
    .meta({ permission: "alliances.read" })
    .mutation(({ ctx }) => markAllRead(ctx.workspace)),
});
