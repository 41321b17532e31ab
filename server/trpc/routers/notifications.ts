import { listNotifications, markAllRead, unreadCount } from "../../services/notifications/notifications";
import { router, workspaceProcedure } from "../procedures";

export const notificationsRouter = router({
  list: workspaceProcedure.query(({ ctx }) => listNotifications(ctx.workspace)),
  unreadCount: workspaceProcedure.query(({ ctx }) => unreadCount(ctx.workspace)),
  markAllRead: workspaceProcedure.mutation(({ ctx }) => markAllRead(ctx.workspace)),
});
