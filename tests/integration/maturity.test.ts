import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { resultRows } from "../../db/rows";
import { maturityAssessments } from "../../db/schema";
import { maturityCsv } from "../../server/files/maturity-csv";
import { maturityPdf } from "../../server/files/maturity-pdf";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { createWorkspace, createWorkspaceWithRoles, uniq } from "../factories";

const { db } = await openTestDatabase();

/** app_maturity_peers as a member of `workspaceId` calls it, under the request role. */
async function peersAs(workspaceId: string, userId: string, version: string, kind: string) {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.user_id', ${userId}, true), set_config('app.workspace_id', ${workspaceId}, true), set_config('role', 'maillage_app', true)`,
    );
    return resultRows<{ axis: string; median: number | null; peers: number }>(
      await tx.execute(sql`select * from app_maturity_peers(${version}, ${kind}, '{strategie,mesure}'::text[])`),
    );
  });
}

describe("the SDG maturity self-assessment", () => {
  it("lets members answer, an admin close it with the lower median per axis, and keeps the history", async () => {
    const f = await createWorkspaceWithRoles(db);
    const ws = f.workspace.slug;
    const admin = callerFor(db, f.users.admin);
    const editor = callerFor(db, f.users.editor);
    const viewer = callerFor(db, f.users.viewer);
    expect((await rejection(editor.maturity.open({ workspaceSlug: ws }))).code).toBe("FORBIDDEN");
    const opened = await admin.maturity.open({ workspaceSlug: ws });
    expect((await rejection(admin.maturity.open({ workspaceSlug: ws }))).code).toBe("CONFLICT");

    await admin.maturity.answer({ workspaceSlug: ws, assessmentId: opened.id, levels: { strategie: 3, mesure: 1 } });
    await editor.maturity.answer({ workspaceSlug: ws, assessmentId: opened.id, levels: { strategie: 4, mesure: 2 } });
    // Answering again replaces the member's levels.
    await editor.maturity.answer({ workspaceSlug: ws, assessmentId: opened.id, levels: { strategie: 2, mesure: 2 } });
    expect(
      (
        await rejection(
          viewer.maturity.answer({ workspaceSlug: ws, assessmentId: opened.id, levels: { strategie: 4 } }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const during = await viewer.maturity.get({ workspaceSlug: ws });
    expect(during.open).toMatchObject({ id: opened.id, contributors: 2, mine: null });
    expect((await editor.maturity.get({ workspaceSlug: ws })).open?.mine).toEqual({ strategie: 2, mesure: 2 });

    const stranger = callerFor(db, f.users.stranger);
    expect((await rejection(stranger.maturity.get({ workspaceSlug: ws }))).code).toBe("NOT_FOUND");
    const theirs = await rejection(
      stranger.maturity.answer({
        workspaceSlug: f.otherWorkspace.slug,
        assessmentId: opened.id,
        levels: { mesure: 4 },
      }),
    );
    expect(theirs.code).toBe("NOT_FOUND");

    const stale = await rejection(admin.maturity.close({ workspaceSlug: ws, assessmentId: opened.id, version: 99 }));
    expect(stale.code).toBe("CONFLICT");
    const closed = await admin.maturity.close({ workspaceSlug: ws, assessmentId: opened.id, version: 1 });
    // Lower median of (3, 2) is 2; of (1, 2) is 1. Axes nobody answered stay out.
    expect(closed.levels).toEqual({ strategie: 2, mesure: 1 });
    const after = await viewer.maturity.get({ workspaceSlug: ws });
    expect(after.open).toBeNull();
    expect(after.closed[0]).toMatchObject({ id: opened.id, levels: { strategie: 2, mesure: 1 } });
    // Weak axes (level 2 or less) come with tools from the toolbox.
    expect(after.weak.map((w) => w.axis)).toContain("mesure");
    expect(after.weak.find((w) => w.axis === "mesure")!.tools.length).toBeGreaterThan(0);
    expect(
      (await rejection(editor.maturity.answer({ workspaceSlug: ws, assessmentId: opened.id, levels: { mesure: 4 } })))
        .code,
    ).toBe("CONFLICT");
    const pdf = await maturityPdf(after, f.workspace.name, "fr");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const csv = maturityCsv(after, "en").split("\n").filter(Boolean);
    expect(csv).toHaveLength(2);
    expect(csv[1]).toContain("2");
    const audit = await admin.audit.list({ workspaceSlug: ws, limit: 20 });
    expect(audit.items.filter((e) => e.action.startsWith("maturity.")).map((e) => e.action)).toEqual([
      "maturity.close",
      "maturity.answer",
      "maturity.answer",
      "maturity.answer",
      "maturity.open",
    ]);
  });

  it("shows peers' medians only from 10 organisations of the same kind, never one organisation's levels", async () => {
    const version = `test-${uniq("v")}`;
    const me = await createWorkspaceWithRoles(db);
    const closedOne = async (kind: "entreprise" | "association", levels: Record<string, number>) => {
      const workspace = await createWorkspace(db, { kind });
      await db.insert(maturityAssessments).values({
        workspaceId: workspace.id,
        workspaceKind: kind,
        year: 2026,
        questionnaireVersion: version,
        status: "closed",
        levels,
        closedAt: new Date(),
      });
    };
    for (let i = 0; i < 9; i++) await closedOne("entreprise", { strategie: 1 + (i % 4), mesure: 2 });
    await closedOne("association", { strategie: 4, mesure: 4 });
    const nine = await peersAs(me.workspace.id, me.users.owner.id, version, "entreprise");
    expect(nine.map((r) => r.peers)).toEqual([9, 9]);
    expect(nine.every((r) => r.median === null)).toBe(true);

    await closedOne("entreprise", { strategie: 4, mesure: 3 });
    const ten = await peersAs(me.workspace.id, me.users.owner.id, version, "entreprise");
    expect(Object.fromEntries(ten.map((r) => [r.axis, Number(r.median)]))).toEqual({ strategie: 2.5, mesure: 2 });
    expect(ten[0]!.peers).toBe(10);
    // Under the request role, the table shows no other workspace's assessment.
    const seen = await db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.user_id', ${me.users.owner.id}, true), set_config('app.workspace_id', ${me.workspace.id}, true), set_config('role', 'maillage_app', true)`,
      );
      return resultRows<{ n: number }>(
        await tx.execute(
          sql`select count(*)::int as n from maturity_assessments where questionnaire_version = ${version}`,
        ),
      );
    });
    expect(seen[0]!.n).toBe(0);
  });
});
