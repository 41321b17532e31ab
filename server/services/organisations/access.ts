import { eq } from "drizzle-orm";
import { organisations } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";

/** A directory organisation by id; NOT_FOUND when there is none. */
export async function loadOrganisation(ctx: WorkspaceContext, id: string) {
  const [organisation] = await ctx.tx.select().from(organisations).where(eq(organisations.id, id));
  if (!organisation) throw new AppError("NOT_FOUND", "errors.organisation.notFound");
  return organisation;
}
