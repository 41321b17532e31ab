import { asc, desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import {
  allianceContributions,
  allianceEngagements,
  allianceModePeriods,
  allianceParties,
  allianceSdgTargets,
  allianceTerritories,
  allianceTimeline,
  alliances,
  organisations,
  users,
} from "../../db/schema";
import { withScope } from "../../db/scope";
import { compareSdgTargets } from "../../domain/sdg";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles } from "../factories";
import { coOwnedAlliance } from "../factories/co-owned";

const database = await openTestDatabase();
const { db } = database;

/**
 * The oracle: each table of the alliance read on its own with drizzle's query builder, under the
 * workspace's scope, as alliances.get read them before it became one statement.
 */
async function readSeparately(userId: string, workspaceId: string, id: string) {
  return withScope(db, { userId, workspaceId }, async (tx: Db) => {
    const {
      searchVector: _v,
      policyKey: _k,
      ...core
    } = (await tx.select().from(alliances).where(eq(alliances.id, id)))[0]!;
    const mine = sql<boolean>`${allianceParties.workspaceId} is not distinct from ${workspaceId}`;
    const modes = await tx
      .select({
        mode: allianceModePeriods.mode,
        mecenatForms: allianceModePeriods.mecenatForms,
        startsOn: allianceModePeriods.startsOn,
        endsOn: allianceModePeriods.endsOn,
      })
      .from(allianceModePeriods)
      .where(eq(allianceModePeriods.allianceId, id))
      .orderBy(asc(allianceModePeriods.startsOn));
    return {
      ...core,
      parties: await tx
        .select({
          id: allianceParties.id,
          organisationId: allianceParties.organisationId,
          name: organisations.name,
          kind: organisations.kind,
          siren: organisations.siren,
          rna: organisations.rna,
          role: allianceParties.role,
          status: allianceParties.status,
          isMine: mine,
          hasWorkspace: sql<boolean>`${allianceParties.workspaceId} is not null`,
          isVerified: sql<boolean>`coalesce(${allianceParties.workspaceId} = app_workspace_of_organisation(${allianceParties.organisationId}), false)`,
          organisationHasWorkspace: sql<boolean>`app_workspace_of_organisation(${allianceParties.organisationId}) is not null`,
          invitedEmail: allianceParties.invitedEmail,
        })
        .from(allianceParties)
        .innerJoin(organisations, eq(organisations.id, allianceParties.organisationId))
        .where(eq(allianceParties.allianceId, id))
        .orderBy(desc(mine), asc(organisations.name)),
      modes,
      currentMode: [...modes].sort((x, y) => y.startsOn.localeCompare(x.startsOn))[0]?.mode ?? null,
      sdgTargets: (
        await tx
          .select({
            target: allianceSdgTargets.target,
            goal: allianceSdgTargets.goal,
            isPrimary: allianceSdgTargets.isPrimary,
          })
          .from(allianceSdgTargets)
          .where(eq(allianceSdgTargets.allianceId, id))
      ).sort((x, y) => compareSdgTargets(x.target, y.target)),
      territories: await tx
        .select({ level: allianceTerritories.level, code: allianceTerritories.code })
        .from(allianceTerritories)
        .where(eq(allianceTerritories.allianceId, id)),
      engagements: await tx
        .select({
          scheme: allianceEngagements.scheme,
          employees: allianceEngagements.employees,
          hours: allianceEngagements.hours,
        })
        .from(allianceEngagements)
        .where(eq(allianceEngagements.allianceId, id)),
      contributions: await tx
        .select()
        .from(allianceContributions)
        .where(eq(allianceContributions.allianceId, id))
        .orderBy(desc(allianceContributions.occurredOn), desc(allianceContributions.createdAt)),
      timeline: await tx
        .select({
          id: allianceTimeline.id,
          kind: allianceTimeline.kind,
          title: allianceTimeline.title,
          body: allianceTimeline.body,
          url: allianceTimeline.url,
          occurredOn: allianceTimeline.occurredOn,
          authorEmail: users.email,
          authorName: users.name,
        })
        .from(allianceTimeline)
        .leftJoin(users, eq(users.id, allianceTimeline.authorUserId))
        .where(eq(allianceTimeline.allianceId, id))
        .orderBy(desc(allianceTimeline.occurredOn), desc(allianceTimeline.createdAt)),
    };
  });
}

describe("alliances.get in one statement", () => {
  it("answers what reading each table on its own gives, for both co-owners", async () => {
    const { a, b, id } = await coOwnedAlliance(db, {
      modes: [
        { mode: "mecenat", mecenatForms: ["competences", "nature"], startsOn: "2021-01-01", endsOn: "2022-12-31" },
        { mode: "cooperation_economique", mecenatForms: [], startsOn: "2023-01-01" },
      ],
      sdgTargets: [
        { target: "17.17", isPrimary: false },
        { target: "4.4", isPrimary: true },
        { target: "11.a", isPrimary: false },
        { target: "11.3", isPrimary: false },
      ],
      territory: { scope: "departement", codes: ["69", "59"] },
      engagements: [
        { scheme: "mecenat_competences", employees: 12, hours: 96.5 },
        { scheme: "conge_solidaire", employees: null, hours: null },
      ],
      tags: ["potager", "quartier"],
    });
    const editorA = callerFor(db, a.users.editor);
    const slugA = a.workspace.slug;
    const detail = await editorA.alliances.get({ workspaceSlug: slugA, id });
    const [mine, partner] = detail.parties;
    // Each co-owner records its own contributions.
    await callerFor(db, b.users.editor).alliances.addContribution({
      workspaceSlug: b.workspace.slug,
      allianceId: id,
      partyId: partner!.id,
      kind: "argent",
      quantity: 2500.75,
      occurredOn: "2024-06-01",
    });
    await editorA.alliances.addContribution({
      workspaceSlug: slugA,
      allianceId: id,
      partyId: mine!.id,
      kind: "biens_nature",
      quantity: 3,
      valueEuros: 120.5,
      occurredOn: "2024-06-01",
      note: "Trois palettes de terreau",
    });
    await editorA.alliances.addTimelineEntry({
      workspaceSlug: slugA,
      allianceId: id,
      kind: "document",
      title: "Convention signée",
      body: "Signée par les deux présidents.",
      url: "https://exemple.fr/convention.pdf",
      occurredOn: "2024-01-15",
    });
    await editorA.alliances.addTimelineEntry({
      workspaceSlug: slugA,
      allianceId: id,
      kind: "meeting",
      title: "Comité de pilotage",
      occurredOn: "2024-03-01",
    });

    for (const [side, user] of [
      [a, a.users.editor],
      [b, b.users.viewer],
    ] as const) {
      const { totals: _totals, ...answer } = await callerFor(db, user).alliances.get({
        workspaceSlug: side.workspace.slug,
        id,
      });
      expect(answer).toEqual(await readSeparately(user.id, side.workspace.id, id));
      // What the comparison covers: every kind of row, and each side sees itself first.
      expect(answer.parties[0]!.isMine).toBe(true);
      expect(answer.parties).toHaveLength(2);
      expect(answer.modes).toHaveLength(2);
      expect(answer.currentMode).toBe("cooperation_economique");
      expect(answer.sdgTargets.map((t) => t.target)).toEqual(["4.4", "11.3", "11.a", "17.17"]);
      expect(answer.territories).toHaveLength(2);
      expect(answer.engagements).toContainEqual({ scheme: "mecenat_competences", employees: 12, hours: 96.5 });
      expect(answer.contributions.map((c) => c.quantity).sort()).toEqual([2500.75, 3]);
      expect(answer.contributions.every((c) => c.createdAt instanceof Date)).toBe(true);
      expect(answer.timeline.map((t) => t.title)).toEqual(["Comité de pilotage", "Convention signée"]);
    }
  });

  it("answers an alliance with no partner, mode, goal, place, engagement, contribution or event with empty lists", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const { id } = await owner.alliances.create({ workspaceSlug: f.workspace.slug, ...allianceInput() });
    // The forms always give a partner and a mode; older or imported rows may have neither.
    for (const table of [
      "alliance_mode_periods",
      "alliance_sdg_targets",
      "alliance_territories",
      "alliance_engagements",
    ])
      await db.execute(sql`delete from ${sql.identifier(table)} where alliance_id = ${id}`);
    await db.execute(sql`delete from alliance_parties where alliance_id = ${id} and workspace_id is null`);
    const { totals: _totals, ...answer } = await owner.alliances.get({ workspaceSlug: f.workspace.slug, id });
    expect(answer).toEqual(await readSeparately(f.users.owner.id, f.workspace.id, id));
    expect(answer).toMatchObject({
      modes: [],
      currentMode: null,
      sdgTargets: [],
      territories: [],
      engagements: [],
      contributions: [],
      timeline: [],
    });
    expect(answer.parties).toHaveLength(1);
  });

  it("refuses another workspace's member as not found", async () => {
    const { a, id } = await coOwnedAlliance(db);
    const other = await createWorkspaceWithRoles(db);
    expect(
      (await rejection(callerFor(db, other.users.owner).alliances.get({ workspaceSlug: other.workspace.slug, id })))
        .code,
    ).toBe("NOT_FOUND");
    expect((await callerFor(db, a.users.viewer).alliances.get({ workspaceSlug: a.workspace.slug, id })).id).toBe(id);
  });
});
