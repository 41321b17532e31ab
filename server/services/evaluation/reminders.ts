import { and, eq, gte, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { alliances, evaluationCycles, evaluationParticipants, notifications } from "../../../db/schema";

/** A party that has not answered is reminded once, this many days before the due date. */
export const REMINDER_DAYS_BEFORE = 7;

/**
 * The background job behind evaluation reminders, run as maillage_scheduler (it reads open
 * cycles and who has not answered, notes the reminder and adds the notification; the outbox
 * emails it). Each waiting party is reminded once, when the due date is at most
 * REMINDER_DAYS_BEFORE days away. Returns how many reminders it added.
 */
export async function sendEvaluationReminders(
  db: Db,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local role maillage_scheduler`);
    const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + REMINDER_DAYS_BEFORE * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const due = await tx
      .select({
        cycleId: evaluationCycles.id,
        allianceId: evaluationCycles.allianceId,
        period: evaluationCycles.period,
        dueOn: evaluationCycles.dueOn,
        workspaceId: evaluationParticipants.workspaceId,
        title: alliances.title,
      })
      .from(evaluationParticipants)
      .innerJoin(evaluationCycles, eq(evaluationCycles.id, evaluationParticipants.cycleId))
      .innerJoin(alliances, eq(alliances.id, evaluationCycles.allianceId))
      .where(
        and(
          eq(evaluationCycles.status, "open"),
          eq(evaluationParticipants.status, "pending"),
          isNull(evaluationParticipants.remindedAt),
          gte(evaluationCycles.dueOn, today),
          lte(evaluationCycles.dueOn, horizon),
        ),
      )
      .limit(500)
      .for("update", { of: evaluationParticipants, skipLocked: true });
    for (const d of due) {
      await tx.insert(notifications).values({
        workspaceId: d.workspaceId,
        allianceId: d.allianceId,
        kind: "evaluation.reminder",
        audience: "members",
        payload: { title: d.title, organisation: "", actor: "", detail: d.dueOn },
        createdBy: null,
      });
      await tx
        .update(evaluationParticipants)
        .set({ remindedAt: new Date() })
        .where(
          and(eq(evaluationParticipants.cycleId, d.cycleId), eq(evaluationParticipants.workspaceId, d.workspaceId)),
        );
    }
    return due.length;
  });
}
