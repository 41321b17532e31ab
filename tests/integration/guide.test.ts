import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { resultRows } from "../../db/rows";
import { framingSheetPdf } from "../../server/files/framing-sheet-pdf";
import { callerFor } from "../helpers/caller";
import { coOwnedAlliance } from "../factories/co-owned";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput } from "../factories";

const { db } = await openTestDatabase();

/** An alliance of workspace A co-owned by workspace B, at the stage of preparing the partnership. */
async function coOwned() {
  const { a, b, id } = await coOwnedAlliance(db, { stage: "preparation_partenariat" });
  return { a, b, id, editorA: callerFor(db, a.users.editor), editorB: callerFor(db, b.users.editor) };
}

describe("the questioning process", () => {
  it("shares every answer with each party, signed by organisation and person, with its history", async () => {
    const { a, b, id, editorA, editorB } = await coOwned();
    const start = await editorA.guide.get({ workspaceSlug: a.workspace.slug, allianceId: id });
    expect(start.currentStage).toBe("preparation_partenariat");
    expect(start.answered).toBe(0);
    expect(start.total).toBe(20);

    const first = await editorA.guide.answer({
      workspaceSlug: a.workspace.slug,
      allianceId: id,
      stage: "preparation_partenariat",
      questionKey: "shared_need",
      answer: "Des familles sans solution de garde le soir.",
      basedOn: null,
    });
    // B reads A's answer, then answers over it.
    const seenByB = await editorB.guide.get({ workspaceSlug: b.workspace.slug, allianceId: id });
    const question = seenByB.stages.find((s) => s.stage === "preparation_partenariat")!.questions[0]!;
    expect(question.latest).toMatchObject({
      answer: "Des familles sans solution de garde le soir.",
      organisationName: a.workspace.name,
      mine: false,
    });
    await editorB.guide.answer({
      workspaceSlug: b.workspace.slug,
      allianceId: id,
      stage: "preparation_partenariat",
      questionKey: "shared_need",
      answer: "Des familles sans garde le soir, surtout les parents seuls.",
      basedOn: first.id,
    });
    // A, still on the first answer, is told that B answered meanwhile: nothing is overwritten.
    const stale = await rejection(
      editorA.guide.answer({
        workspaceSlug: a.workspace.slug,
        allianceId: id,
        stage: "preparation_partenariat",
        questionKey: "shared_need",
        answer: "Autre chose.",
        basedOn: first.id,
      }),
    );
    expect(stale.code).toBe("CONFLICT");

    const now = await editorA.guide.get({ workspaceSlug: a.workspace.slug, allianceId: id });
    const stage = now.stages.find((s) => s.stage === "preparation_partenariat")!;
    expect(stage.answered).toBe(1);
    expect(stage.questions[0]!.latest).toMatchObject({ organisationName: b.workspace.name, mine: false });
    expect(stage.questions[0]!.earlier.map((e) => e.answer)).toEqual(["Des familles sans solution de garde le soir."]);

    // Both parties' shared history says who answered; the audit rows stay each workspace's own.
    const historyA = await editorA.alliances.history({ workspaceSlug: a.workspace.slug, id });
    expect(historyA.filter((h) => h.action === "guide.answer")).toHaveLength(2);
    const audit = await callerFor(db, a.users.owner).audit.list({ workspaceSlug: a.workspace.slug, limit: 20 });
    expect(audit.items.filter((e) => e.action === "guide.answer")).toHaveLength(1);

    // The list shows the current stage's progress and filters on it.
    const incomplete = await editorA.alliances.list({ workspaceSlug: a.workspace.slug, guide: "incomplete" });
    expect(incomplete.items.find((i) => i.id === id)?.guide).toEqual({ answered: 1, total: 4 });
    const complete = await editorA.alliances.list({ workspaceSlug: a.workspace.slug, guide: "complete" });
    expect(complete.items.some((i) => i.id === id)).toBe(false);

    // The framing sheet holds the latest answer and a box for each partner.
    const pdf = await framingSheetPdf(now, "fr");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(1500);
  });

  it("refuses strangers, viewers' answers, unknown questions, and another workspace's rows under row-level security", async () => {
    const { a, id, editorA } = await coOwned();
    const stranger = callerFor(db, a.users.stranger);
    expect((await rejection(stranger.guide.get({ workspaceSlug: a.otherWorkspace.slug, allianceId: id }))).code).toBe(
      "NOT_FOUND",
    );
    const viewer = callerFor(db, a.users.viewer);
    expect((await viewer.guide.get({ workspaceSlug: a.workspace.slug, allianceId: id })).total).toBe(20);
    const answer = {
      workspaceSlug: a.workspace.slug,
      allianceId: id,
      stage: "pilotage" as const,
      questionKey: "progress",
      answer: "En avance.",
      basedOn: null,
    };
    expect((await rejection(viewer.guide.answer(answer))).code).toBe("FORBIDDEN");
    expect((await rejection(editorA.guide.answer({ ...answer, questionKey: "why_us" }))).code).toBe("BAD_REQUEST");
    expect((await rejection(stranger.guide.answer({ ...answer, workspaceSlug: a.otherWorkspace.slug }))).code).toBe(
      "NOT_FOUND",
    );
    await editorA.guide.answer(answer);
    // Under the request role, another workspace sees none of the answers, even by reading the table.
    const seen = resultRows<{ n: number }>(
      await db.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('app.user_id', ${a.users.stranger.id}, true), set_config('app.workspace_id', ${a.otherWorkspace.id}, true), set_config('role', 'maillage_app', true)`,
        );
        return tx.execute(sql`select count(*)::int as n from alliance_guide_answers where alliance_id = ${id}`);
      }),
    );
    expect(seen[0]!.n).toBe(0);
  });

  it("asks a workspace's own wording on the alliances it creates afterwards, to every party", async () => {
    const { a, b, id, editorB } = await coOwned();
    const admin = callerFor(db, a.users.admin);
    const wording = await admin.guide.wording({ workspaceSlug: a.workspace.slug });
    expect(wording.stages[0]!.questions[0]).toEqual({ key: "why_us", text: null });
    await admin.guide.saveWording({
      workspaceSlug: a.workspace.slug,
      wording: {
        "preparation_partenariat.shared_need": "Quel besoin du quartier traitons-nous ?",
        "pilotage.progress": " ",
      },
      version: wording.version,
    });
    const stale = await rejection(
      admin.guide.saveWording({ workspaceSlug: a.workspace.slug, wording: {}, version: wording.version }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(
      (
        await rejection(
          callerFor(db, a.users.editor).guide.saveWording({ workspaceSlug: a.workspace.slug, wording: {}, version: 1 }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const textOf = async (caller: ReturnType<typeof callerFor>, slug: string, allianceId: string) =>
      (await caller.guide.get({ workspaceSlug: slug, allianceId })).stages
        .find((s) => s.stage === "preparation_partenariat")!
        .questions.find((q) => q.key === "shared_need")!.text;
    // The alliance created before keeps the product's wording.
    expect(await textOf(editorB, b.workspace.slug, id)).toBeNull();
    const { id: fresh } = await admin.alliances.create({ workspaceSlug: a.workspace.slug, ...allianceInput() });
    expect(await textOf(admin, a.workspace.slug, fresh)).toBe("Quel besoin du quartier traitons-nous ?");
    const audit = await admin.audit.list({ workspaceSlug: a.workspace.slug, limit: 10 });
    expect(audit.items.some((e) => e.action === "guide.wording")).toBe(true);
  });
});
