import { desc, eq } from "drizzle-orm";
import { allianceImports } from "../../../db/schema";
import type { WorkspaceContext } from "../context";

/** The workspace's recent uploads, newest first. Permission: alliances.write. */
export async function listImports(ctx: WorkspaceContext) {
  return ctx.tx
    .select({
      id: allianceImports.id,
      fileName: allianceImports.fileName,
      status: allianceImports.status,
      result: allianceImports.result,
      createdAt: allianceImports.createdAt,
      finishedAt: allianceImports.finishedAt,
    })
    .from(allianceImports)
    .where(eq(allianceImports.workspaceId, ctx.workspaceId))
    .orderBy(desc(allianceImports.createdAt))
    .limit(20);
}
