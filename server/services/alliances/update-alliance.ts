import { and, eq, sql } from "drizzle-orm";
import { alliances } from "../../../db/schema";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import { getAlliance } from "./get-alliance";
import { recordChange } from "./record-change";
import type { UpdateAllianceInput } from "./schemas";
import { movePublicRevision } from "./write-details";
import { writeDetails, snapshot } from "./write-alliance";

/** What the public library shows of an alliance: editing any of these asks for approval again. */
const PUBLIC_FIELDS = [
  "title",
  "summary",
  "keyResults",
  "startsOn",
  "endsOn",
  "partners",
  "modes",
  "sdgTargets",
  "territory",
];

function changedFields(before: ReturnType<typeof snapshot>, after: ReturnType<typeof snapshot>) {
  return (Object.keys(after) as Array<keyof typeof after>).filter(
    (k) => k !== "version" && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}

/**
 * Saves an edited alliance. The edit names the version it started from: when someone saved
 * in between, nothing is written and CONFLICT comes back (the page then shows their values).
 * Permission: alliances.write. Audited with before and after.
 */
export async function updateAlliance(ctx: WorkspaceContext, input: UpdateAllianceInput) {
  const before = await getAlliance(ctx, input.id);
  const [claimed] = await ctx.tx
    .update(alliances)
    .set({ version: sql`${alliances.version} + 1` })
    .where(and(eq(alliances.id, input.id), eq(alliances.version, input.version)))
    .returning({ version: alliances.version });
  if (!claimed) throw new AppError("CONFLICT", "errors.alliance.stale");
  const { id, version: _version, title, ...details } = input;
  await writeDetails(ctx, id, title, details);
  let after = await getAlliance(ctx, id);
  const changed = changedFields(snapshot(before), snapshot(after));
  // Public fields changed in the details (partners, modes, SDGs, places): the trigger only sees
  // the core row, so the revision moves here; earlier public approvals no longer hold.
  if (changed.some((f) => PUBLIC_FIELDS.includes(f)) && after.publicRevision === before.publicRevision) {
    await movePublicRevision(ctx, [id]);
    after = await getAlliance(ctx, id);
  }
  await recordChange(ctx, {
    allianceId: id,
    title,
    action: "alliance.update",
    before: snapshot(before),
    after: snapshot(after),
    detail: { fields: changed },
    event: { type: "alliance.updated", data: { alliance: { id, title, version: claimed.version }, fields: changed } },
  });
  return { id, version: claimed.version };
}
