import { sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../../errors";
import type { ServiceContext } from "../context";
import { DeleteAccountInput } from "./schemas";
import { ownedWorkspaces } from "./owned-workspaces";

/**
 * Deletes the signed-in user's account: sessions (so every device is signed out), memberships,
 * tokens they created, saved views and read marks go with the user row; audit entries stay with
 * the person removed and the address replaced. Refused while they own a workspace.
 * Permission: the user themself (typing their address to confirm).
 */
export async function deleteAccount(ctx: ServiceContext, input: z.infer<typeof DeleteAccountInput>) {
  if (input.confirmEmail.toLowerCase() !== ctx.actor.email.toLowerCase())
    throw new AppError("BAD_REQUEST", "errors.gdpr.confirmEmail", { field: "confirmEmail" });
  const owned = await ownedWorkspaces(ctx);
  if (owned.length)
    throw new AppError("CONFLICT", "errors.gdpr.ownerFirst", { names: owned.map((w) => w.name).join(", ") });
  await ctx.tx.execute(sql`select app_delete_account()`);
  ctx.log.info({ userId: ctx.actor.userId }, "account deleted");
  return { deleted: true };
}
