import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../db/seed";
import { getPublished } from "../../server/services/library/get-published";
import { callerFor } from "../helpers/caller";
import { openTestDatabase, sqlRows } from "../helpers/db";

const { db } = await openTestDatabase();

describe("the demo data", () => {
  it("loads about sixty varied alliances across the demo workspaces, once", async () => {
    await seedDemo(db);
    await seedDemo(db);
    const perWorkspace = await sqlRows<{ slug: string; n: number }>(
      db.execute(sql`select w.slug, count(*)::int as n from alliance_parties p join workspaces w on w.id = p.workspace_id
                     where w.slug in ('jardins-du-lien', 'boulangeries-du-val', 'departement-val-clair') group by w.slug order by w.slug`),
    );
    expect(perWorkspace).toEqual([
      { slug: "boulangeries-du-val", n: 24 },
      { slug: "departement-val-clair", n: 15 },
      { slug: "jardins-du-lien", n: 25 },
    ]);
    const [variety] = await sqlRows<{
      modes: number;
      goals: number;
      stages: number;
      regions: number;
      trajectories: number;
      contributions: number;
    }>(
      db.execute(sql`select
        (select count(distinct mode) from alliance_mode_periods)::int as modes,
        (select count(distinct goal) from alliance_sdg_targets)::int as goals,
        (select count(distinct stage) from alliances)::int as stages,
        (select count(distinct region_code) from alliance_territories)::int as regions,
        (select count(*) from (select alliance_id from alliance_mode_periods group by alliance_id having count(*) > 1) t)::int as trajectories,
        (select count(*) from alliance_contributions)::int as contributions`),
    );
    expect(variety!.modes).toBe(4);
    expect(variety!.goals).toBeGreaterThanOrEqual(10);
    expect(variety!.stages).toBeGreaterThanOrEqual(5);
    expect(variety!.regions).toBeGreaterThanOrEqual(2);
    expect(variety!.trajectories).toBeGreaterThan(3);
    expect(variety!.contributions).toBeGreaterThan(30);

    // The persona sees her workspace's alliances through the app, and only those.
    const [camille] = await sqlRows<{ id: string; email: string }>(
      db.execute(sql`select id, email from users where email = 'camille.martin@demo.maillage.test'`),
    );
    const list = await callerFor(db, camille!).alliances.list({
      workspaceSlug: "jardins-du-lien",
      archived: false,
      pageSize: 100,
    });
    const archived = await callerFor(db, camille!).alliances.list({
      workspaceSlug: "jardins-du-lien",
      archived: true,
      pageSize: 100,
    });
    expect(list.total + archived.total).toBe(25);

    // Four of them are co-owned with Les Boulangeries du Val; three are in the public library.
    const [julien] = await sqlRows<{ id: string; email: string }>(
      db.execute(sql`select id, email from users where email = 'julien.bernard@demo.maillage.test'`),
    );
    const shared = await callerFor(db, julien!).alliances.list({ workspaceSlug: "boulangeries-du-val", pageSize: 100 });
    const fromJardins = new Set(list.items.map((i) => i.id));
    expect(shared.items.filter((i) => fromJardins.has(i.id))).toHaveLength(4);
    const published = (await Promise.all(list.items.map((i) => getPublished(db, i.id)))).filter((p) => p !== null);
    expect(published).toHaveLength(3);
    expect(published.every((p) => p.keyResults && p.parties.length >= 2)).toBe(true);

    // Evaluation: one closed cycle with a trust gap, one running that Julien's workspace has not answered yet.
    const julienCaller = callerFor(db, julien!);
    const risky = await callerFor(db, camille!).evaluation.atRisk({ workspaceSlug: "jardins-du-lien" });
    expect(risky.items.some((r) => r.reasons.includes("trustGap"))).toBe(true);
    const running = (
      await Promise.all(
        shared.items
          .filter((i) => fromJardins.has(i.id))
          .map((i) => julienCaller.evaluation.cycles({ workspaceSlug: "boulangeries-du-val", allianceId: i.id })),
      )
    )
      .flat()
      .filter((c) => c.status === "open");
    expect(running).toHaveLength(1);
    const cycle = await julienCaller.evaluation.cycle({
      workspaceSlug: "boulangeries-du-val",
      cycleId: running[0]!.id,
    });
    expect(cycle.myStatus).toBe("pending");
    expect(cycle.parties.flatMap((p) => p.answers)).toEqual([]);
  });
});
