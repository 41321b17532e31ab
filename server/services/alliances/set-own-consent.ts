import { and, eq } from "drizzle-orm";
import { allianceParties } from "../../../db/schema";
import type { WorkspaceContext } from "../context";
import { type Audience } from "../../../domain/audience";

/** Records (or clears, with null) this workspace's consent to an audience at a public revision. */
export async function setOwnConsent(
  ctx: WorkspaceContext,
  allianceId: string,
  audience: Audience | null,
  revision: number | null,
) {
  await ctx.tx
    .update(allianceParties)
    .set({ audienceConsent: audience, consentRevision: revision, consentAt: audience ? new Date() : null })
    .where(
      and(
        eq(allianceParties.allianceId, allianceId),
        eq(allianceParties.workspaceId, ctx.workspaceId),
        eq(allianceParties.status, "accepted"),
      ),
    );
}
