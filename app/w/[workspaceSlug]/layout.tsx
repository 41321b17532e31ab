import type { ReactNode } from "react";
import { WorkspaceNav } from "@/components/workspaces/workspace-nav";
import { readOrNotFound, requireUser, serverCaller, readWorkspace } from "@/server/trpc/server-caller";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceSlug: string }>;
}) {
  await requireUser();
  const { workspaceSlug } = await params;
  const caller = await serverCaller();
  const workspace = await readOrNotFound(() => readWorkspace(workspaceSlug));
  const mine = await caller.workspaces.listMine();
  const unread = await caller.notifications.unreadCount({ workspaceSlug });
  const coordinating = (await caller.territories.coordinations({ workspaceSlug })).some((c) => c.status === "approved");
  return (
    <div className="space-y-6">
      <WorkspaceNav workspace={workspace} workspaces={mine} unread={unread} coordinating={coordinating} />
      <div>{children}</div>
    </div>
  );
}
