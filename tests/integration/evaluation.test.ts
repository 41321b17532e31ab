import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { evaluationAnswers, evaluationCycles, evaluationParticipants, notifications } from "../../db/schema";
import { withScope } from "../../db/scope";
import { DEFAULT_QUESTIONS } from "../../domain/evaluation";
import { sqlState } from "../../server/errors";
import { sendEvaluationReminders } from "../../server/services/evaluation/reminders";
import { callerFor } from "../helpers/caller";
import { openTestDatabase, sqlRows } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation } from "../factories";

const { db } = await openTestDatabase();
const TODAY = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const attempt = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

/** A and B co-own an alliance. */
async function coOwned() {
  const a = await createWorkspaceWithRoles(db);
  const b = await createWorkspaceWithRoles(db);
  const orgB = await giveOrganisation(db, b.workspace.id);
  const ownerA = callerFor(db, a.users.owner);
  const { id } = await ownerA.alliances.create({
    workspaceSlug: a.workspace.slug,
    ...allianceInput({ partners: [{ organisationId: orgB, role: "partenaire" }] }),
  });
  const partyB = (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find(
    (p) => p.organisationId === orgB,
  )!;
  await ownerA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partyB.id });
  await callerFor(db, b.users.owner).alliances.respondToCoOwnership({
    workspaceSlug: b.workspace.slug,
    partyId: partyB.id,
    accept: true,
  });
  return {
    a,
    b,
    id,
    sa: a.workspace.slug,
    sb: b.workspace.slug,
    editorA: callerFor(db, a.users.editor),
    editorB: callerFor(db, b.users.editor),
  };
}

const answers = (scores: Record<string, number>, fallback = 3) =>
  DEFAULT_QUESTIONS.map((q) => ({
    questionKey: q.key,
    score: scores[q.key] ?? fallback,
    justification: `Vu en comité (${q.key})`,
  }));

describe("an evaluation cycle", () => {
  it("hides each party's answers from the others until the last one answers, then shows scores, averages and gaps", async () => {
    const { a, b, id, sa, sb, editorA, editorB } = await coOwned();
    const { id: cycleId } = await editorA.evaluation.openCycle({
      workspaceSlug: sa,
      allianceId: id,
      period: "2026",
      dueOn: inDays(30),
    });
    expect(
      (
        await rejection(
          editorA.evaluation.openCycle({ workspaceSlug: sa, allianceId: id, period: "2026 bis", dueOn: inDays(30) }),
        )
      ).code,
    ).toBe("CONFLICT");
    expect(
      (await callerFor(db, b.users.viewer).notifications.list({ workspaceSlug: sb })).map((n) => n.kind),
    ).toContain("evaluation.requested");

    await editorA.evaluation.submitAnswers({
      workspaceSlug: sa,
      cycleId,
      answers: answers({ confiance_relationship: 5, equilibre_fairness: 4 }),
    });
    expect(
      (await rejection(editorA.evaluation.submitAnswers({ workspaceSlug: sa, cycleId, answers: answers({}) }))).code,
    ).toBe("CONFLICT");

    // B sees that A answered, not what A answered: not through the procedure, not in SQL.
    const seenByB = await editorB.evaluation.cycle({ workspaceSlug: sb, cycleId });
    expect(seenByB.status).toBe("open");
    expect(seenByB.parties.map((p) => [p.isMine, p.status])).toEqual(
      expect.arrayContaining([
        [false, "answered"],
        [true, "pending"],
      ]),
    );
    expect(seenByB.parties.flatMap((p) => p.answers)).toEqual([]);
    expect(seenByB.results).toBeNull();
    const leaked = await withScope(db, { userId: b.users.owner.id, workspaceId: b.workspace.id }, (tx) =>
      sqlRows<{ n: number }>(
        tx.execute(sql`select count(*)::int as n from evaluation_answers where cycle_id = ${cycleId}`),
      ),
    );
    expect(leaked[0]!.n).toBe(0);
    // A sees its own answers at once.
    expect(
      (await editorA.evaluation.cycle({ workspaceSlug: sa, cycleId })).parties.find((p) => p.isMine)!.answers,
    ).toHaveLength(DEFAULT_QUESTIONS.length);

    // B answers last: the cycle closes by itself and both see everything.
    const closed = await editorB.evaluation.submitAnswers({
      workspaceSlug: sb,
      cycleId,
      answers: answers({ confiance_relationship: 3, equilibre_fairness: 3 }),
    });
    expect(closed).toMatchObject({ status: "closed", closedReason: "all_answered" });
    const seenByA = await editorA.evaluation.cycle({ workspaceSlug: sa, cycleId });
    expect(seenByA.parties.every((p) => p.answers.length === DEFAULT_QUESTIONS.length)).toBe(true);
    const gaps = Object.fromEntries(seenByA.results!.gaps.map((g) => [g.key, g]));
    expect(gaps.confiance_relationship).toMatchObject({ gap: 2, flagged: true });
    expect(gaps.equilibre_fairness).toMatchObject({ gap: 1, flagged: false });
    expect(seenByA.results!.averages.confiance).toBe(3.5);
    expect(
      (await callerFor(db, a.users.viewer).notifications.list({ workspaceSlug: sa })).map((n) => n.kind),
    ).toContain("evaluation.closed");

    // The trust gap puts the alliance on both workspaces' at-risk lists.
    expect((await editorA.evaluation.atRisk({ workspaceSlug: sa })).items.find((r) => r.id === id)?.reasons).toContain(
      "trustGap",
    );
    expect((await editorB.evaluation.atRisk({ workspaceSlug: sb })).items.find((r) => r.id === id)?.reasons).toContain(
      "trustGap",
    );
    const list = await editorA.alliances.list({ workspaceSlug: sa, pageSize: 100 });
    expect(list.items.find((i) => i.id === id)?.evaluation).toBe("green");
  });

  it("refuses, in SQL, answers written for another party, a second answer, and answers once closed", async () => {
    const { a, b, id, sa, editorA } = await coOwned();
    const { id: cycleId } = await editorA.evaluation.openCycle({
      workspaceSlug: sa,
      allianceId: id,
      period: "S1",
      dueOn: TODAY,
    });
    const forge = (workspaceId: string) =>
      attempt(
        withScope(db, { userId: a.users.owner.id, workspaceId: a.workspace.id }, (tx) =>
          tx.insert(evaluationAnswers).values({
            cycleId,
            allianceId: id,
            workspaceId,
            questionKey: "equilibre_fairness",
            dimension: "equilibre",
            score: 1,
            justification: "forgé",
          }),
        ),
      );
    expect(sqlState(await forge(b.workspace.id))).toBe("42501");
    // Marking another party as having answered, or as missing while the cycle runs, is refused too.
    const markB = (status: "answered" | "missed") =>
      attempt(
        withScope(db, { userId: a.users.owner.id, workspaceId: a.workspace.id }, (tx) =>
          tx
            .update(evaluationParticipants)
            .set({ status })
            .where(eq(evaluationParticipants.workspaceId, b.workspace.id)),
        ),
      );
    expect(sqlState(await markB("answered"))).toBe("42501");
    expect(sqlState(await markB("missed"))).toBe("42501");

    // Closing at the due date marks B as not having answered; nothing can be added afterwards.
    const closed = await editorA.evaluation.closeCycle({ workspaceSlug: sa, cycleId });
    expect(closed.parties.map((p) => p.status).sort()).toEqual(["missed", "missed"]);
    expect(sqlState(await forge(a.workspace.id))).toBe("42501");
    expect(
      (await rejection(editorA.evaluation.submitAnswers({ workspaceSlug: sa, cycleId, answers: answers({}) }))).code,
    ).toBe("CONFLICT");
  });

  it("cannot be closed early before its due date, and shows a stranger nothing", async () => {
    const { id, sa, editorA } = await coOwned();
    const { id: cycleId } = await editorA.evaluation.openCycle({
      workspaceSlug: sa,
      allianceId: id,
      period: "2027",
      dueOn: inDays(10),
    });
    expect((await rejection(editorA.evaluation.closeCycle({ workspaceSlug: sa, cycleId }))).code).toBe("CONFLICT");
    expect(
      (
        await rejection(
          editorA.evaluation.openCycle({ workspaceSlug: sa, allianceId: id, period: "x", dueOn: "2020-01-01" }),
        )
      ).code,
    ).toBe("BAD_REQUEST");

    const stranger = await createWorkspaceWithRoles(db);
    const them = callerFor(db, stranger.users.owner);
    const ws = stranger.workspace.slug;
    for (const call of [
      () => them.evaluation.cycle({ workspaceSlug: ws, cycleId }),
      () => them.evaluation.cycles({ workspaceSlug: ws, allianceId: id }),
      () => them.evaluation.indicators({ workspaceSlug: ws, allianceId: id }),
      () => them.evaluation.submitAnswers({ workspaceSlug: ws, cycleId, answers: answers({}) }),
    ]) {
      expect((await rejection(call())).code).toBe("NOT_FOUND");
    }
    const seen = await withScope(
      db,
      { userId: stranger.users.owner.id, workspaceId: stranger.workspace.id },
      async (tx) => ({
        cycles: await tx.select().from(evaluationCycles).where(eq(evaluationCycles.id, cycleId)),
        participants: await tx.select().from(evaluationParticipants).where(eq(evaluationParticipants.cycleId, cycleId)),
      }),
    );
    expect(seen).toEqual({ cycles: [], participants: [] });
  });

  it("reminds the parties that have not answered once, a week before the due date", async () => {
    const { b, id, sa, sb, editorA } = await coOwned();
    const { id: cycleId } = await editorA.evaluation.openCycle({
      workspaceSlug: sa,
      allianceId: id,
      period: "2026",
      dueOn: inDays(5),
    });
    await editorA.evaluation.submitAnswers({ workspaceSlug: sa, cycleId, answers: answers({}) });
    await sendEvaluationReminders(db);
    await sendEvaluationReminders(db);
    const reminders = await db
      .select()
      .from(notifications)
      .where(sql`${notifications.kind} = 'evaluation.reminder' and ${notifications.allianceId} = ${id}`);
    expect(reminders.map((r) => r.workspaceId)).toEqual([b.workspace.id]);
    expect(reminders[0]!.payload.detail).toBe(inDays(5));
    expect(
      (await callerFor(db, b.users.viewer).notifications.list({ workspaceSlug: sb })).map((n) => n.kind),
    ).toContain("evaluation.reminder");
  });

  it("uses the questionnaire the opening workspace adapted", async () => {
    const { a, id, sa, sb, editorA, editorB } = await coOwned();
    const admin = callerFor(db, a.users.admin);
    await admin.evaluation.saveQuestionnaire({
      workspaceSlug: sa,
      questions: [
        { key: "equilibre_fairness", dimension: "equilibre", label: null },
        { key: "benevoles", dimension: "performance", label: "Les bénévoles sont-ils satisfaits de leurs missions ?" },
      ],
    });
    const { id: cycleId } = await editorA.evaluation.openCycle({
      workspaceSlug: sa,
      allianceId: id,
      period: "2026",
      dueOn: inDays(3),
    });
    const cycle = await editorB.evaluation.cycle({ workspaceSlug: sb, cycleId });
    expect(cycle.questions.map((q) => q.key)).toEqual(["equilibre_fairness", "benevoles"]);
    expect(
      (await rejection(editorB.evaluation.submitAnswers({ workspaceSlug: sb, cycleId, answers: answers({}) }))).code,
    ).toBe("BAD_REQUEST");
    await admin.evaluation.saveQuestionnaire({
      workspaceSlug: sa,
      questions: [{ key: "x_custom", dimension: "valeur", label: "Une question" }],
      reset: true,
    });
    expect(await admin.evaluation.questionnaire({ workspaceSlug: sa })).toEqual(DEFAULT_QUESTIONS);
  });
});

describe("indicators", () => {
  it("are shared by the co-owners, each entering results for its part, with progress toward the target", async () => {
    const { id, sa, sb, editorA, editorB } = await coOwned();
    const indicator = await editorA.evaluation.addIndicator({
      workspaceSlug: sa,
      allianceId: id,
      libraryKey: "people_supported",
      name: "Familles accompagnées",
      unit: "familles",
      dimension: "innovation",
      sdgTarget: "2.4",
      direction: "higher",
      baseline: 20,
      target: 120,
      frequency: "yearly",
    });
    expect(
      (
        await rejection(
          editorA.evaluation.addIndicator({
            workspaceSlug: sa,
            allianceId: id,
            name: "Faux",
            unit: "u",
            dimension: "innovation",
            sdgTarget: "9.1",
            direction: "higher",
            frequency: "yearly",
          }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    expect(
      (
        await rejection(
          editorA.evaluation.addIndicator({
            workspaceSlug: sa,
            allianceId: id,
            name: "Délai",
            unit: "jours",
            dimension: "performance",
            direction: "lower",
            baseline: 10,
            target: 30,
            frequency: "yearly",
          }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    await editorA.evaluation.addResult({
      workspaceSlug: sa,
      allianceId: id,
      indicatorId: indicator.id,
      period: "2024",
      periodEnd: "2024-12-31",
      value: 40,
    });
    const fromB = await editorB.evaluation.addResult({
      workspaceSlug: sb,
      allianceId: id,
      indicatorId: indicator.id,
      period: "2025",
      periodEnd: "2025-12-31",
      value: 70,
      note: "Chiffre de la banque alimentaire",
    });
    const [seen] = await editorA.evaluation.indicators({ workspaceSlug: sa, allianceId: id });
    expect(seen!.results.map((r) => [r.period, r.value, r.mine])).toEqual([
      ["2024", 40, true],
      ["2025", 70, false],
    ]);
    expect(seen).toMatchObject({ latest: 70, progress: 0.5 });
    // A party removes only the results it entered.
    expect(
      (await rejection(editorA.evaluation.deleteResult({ workspaceSlug: sa, allianceId: id, resultId: fromB.id })))
        .code,
    ).toBe("NOT_FOUND");
    await editorB.evaluation.deleteResult({ workspaceSlug: sb, allianceId: id, resultId: fromB.id });
    expect((await editorB.evaluation.indicators({ workspaceSlug: sb, allianceId: id }))[0]!.results).toHaveLength(1);
  });
});
