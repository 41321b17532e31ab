import { describe, expect, it } from "vitest";
import { ALLIANCE_SECTIONS } from "../../domain/alliances";
import { callerFor } from "../helpers/caller";
import { coOwnedAlliance } from "../factories/co-owned";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";

const { db } = await openTestDatabase();

describe("the alliance page's reads, by section", () => {
  it("reads what the section shows, the same as the whole read, and the guide's progress on every section", async () => {
    const { a, id } = await coOwnedAlliance(db, { stage: "preparation_partenariat" });
    const editor = callerFor(db, a.users.editor);
    const slug = a.workspace.slug;
    await editor.guide.answer({
      workspaceSlug: slug,
      allianceId: id,
      stage: "preparation_partenariat",
      questionKey: "shared_need",
      answer: "Des familles sans solution de garde le soir.",
      basedOn: null,
    });
    await editor.alliances.savePrivateNotes({
      workspaceSlug: slug,
      allianceId: id,
      notes: "À relancer en janvier.",
      internalOwner: null,
      tags: [],
      version: 0,
    });
    const whole = await editor.alliances.view({ workspaceSlug: slug, id });
    expect(whole.guideProgress).toEqual({ answered: 1, total: 20 });
    expect(whole.privateLayer?.notes).toBe("À relancer en janvier.");

    const overview = await editor.alliances.view({ workspaceSlug: slug, id, section: "apercu" });
    // The header's reads are always made: the record, the cycles and the verdicts.
    expect(overview.alliance).toEqual(whole.alliance);
    expect(overview.cycles).toEqual(whole.cycles);
    expect(overview.light).toEqual(whole.light);
    expect(overview.nextDue).toEqual(whole.nextDue);
    expect(overview.guideProgress).toEqual({ answered: 1, total: 20 });
    // The overview's suggested tools are those the tools procedure gives for the alliance.
    expect(overview.suggestions).toEqual(await editor.tools.suggestions({ workspaceSlug: slug, allianceId: id }));
    expect(overview.suggestions?.length).toBeGreaterThan(0);
    for (const part of ["history", "privateLayer", "audience", "claims", "indicators", "guide"] as const)
      expect(overview[part], part).toBeNull();

    const shows = {
      cadrage: "guide",
      evaluation: "indicators",
      partage: "audience",
      prive: "privateLayer",
      historique: "history",
    } as const;
    for (const [section, part] of Object.entries(shows)) {
      const read = await editor.alliances.view({ workspaceSlug: slug, id, section: section as keyof typeof shows });
      expect(read[part], section).toEqual(whole[part]);
      expect(read.guideProgress, section).toEqual(whole.guideProgress);
      expect(read.suggestions, section).toBeNull();
    }
    const evaluation = await editor.alliances.view({ workspaceSlug: slug, id, section: "evaluation" });
    expect(evaluation.claims).toEqual(whole.claims);
  });

  it("refuses another workspace's member whatever the section, and a section it does not know", async () => {
    const { a, id } = await coOwnedAlliance(db, {});
    const stranger = callerFor(db, a.users.stranger);
    for (const section of ALLIANCE_SECTIONS)
      expect(
        (await rejection(stranger.alliances.view({ workspaceSlug: a.otherWorkspace.slug, id, section }))).code,
      ).toBe("NOT_FOUND");
    const editor = callerFor(db, a.users.editor);
    const unknown = await rejection(
      editor.alliances.view({ workspaceSlug: a.workspace.slug, id, section: "budget" as "apercu" }),
    );
    expect(unknown.code).toBe("BAD_REQUEST");
  });
});
