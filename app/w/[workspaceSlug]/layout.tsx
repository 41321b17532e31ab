import type { ReactNode } from "react";
import { WorkspaceNav } from "@/components/workspaces/workspace-nav";
import { readFrame, readOrNotFound, requireUser } from "@/server/trpc/server-caller";

export default async function WorkspaceLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ workspaceSlug: string }>;
}) {
  await requireUser();
  const { workspaceSlug } = await params;
  const { workspace, mine, unread, coordinating } = await readOrNotFound(() => readFrame(workspaceSlug));
  return (
    <div className="space-y-6">
      <WorkspaceNav workspace={workspace} workspaces={mine} unread={unread} coordinating={coordinating} />
      <div>{children}</div>
    </div>
  );
}
