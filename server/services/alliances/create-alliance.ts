import { sql } from "drizzle-orm";
import { resultRows } from "../../../db/rows";
import type { WorkspaceContext } from "../context";
import { ensureWorkspaceOrganisation } from "../organisations/ensure-workspace-organisation";
import { getAlliance } from "./get-alliance";
import { recordChange } from "./record-change";
import type { CreateAllianceInput } from "./schemas";
import { writeDetails, snapshot } from "./write-alliance";
import { stampGuideWording } from "./write-details";

/**
 * Creates an alliance with its parties, mode periods, SDG targets, territory and engagement
 * schemes, in one transaction. The core row and the workspace's own party row are created by
 * app_create_alliance() (the request role cannot insert alliances itself). Audited.
 * Permission: alliances.write.
 */
export async function createAlliance(ctx: WorkspaceContext, input: CreateAllianceInput) {
  const ownOrganisationId = await ensureWorkspaceOrganisation(ctx);
  const [created] = resultRows<{ id: string }>(
    await ctx.tx.execute(sql`select app_create_alliance(${input.title}, ${ownOrganisationId}, ${input.ownRole}) as id`),
  );
  const id = created!.id;
  const { title, ...details } = input;
  await writeDetails(ctx, id, title, details);
  await stampGuideWording(ctx, [id]);
  const after = await getAlliance(ctx, id);
  await recordChange(ctx, {
    allianceId: id,
    title,
    action: "alliance.create",
    after: snapshot(after),
    notify: null,
    event: { type: "alliance.created", data: { alliance: { id, title, version: after.version } } },
  });
  return { id };
}
