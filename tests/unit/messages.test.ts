import { describe, expect, it } from "vitest";
import {
  CONTRIBUTION_KINDS,
  DEFAULT_ENGAGEMENT_SCHEMES,
  DEFAULT_PARTNER_ROLES,
  ENTRY_DOORS,
  IMPACT_DIMENSIONS,
  LIFECYCLE_STAGES,
  MECENAT_FORMS,
  MODES,
} from "../../domain/alliances";
import { ORGANISATION_KINDS } from "../../domain/identifiers";
import { ROLES } from "../../domain/roles";
import { SDG_GOALS, SDG_TARGET_CODES, targetMessageKey } from "../../domain/sdg";
import { WORKSPACE_KINDS } from "../../domain/workspaces";
import en from "../../messages/en.json";
import fr from "../../messages/fr.json";

function flatten(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "object" && v !== null ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function lookup(tree: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
}

describe("messages", () => {
  it("have the same keys in French and English", () => {
    expect(flatten(en).sort()).toEqual(flatten(fr).sort());
  });

  const required = [
    ...SDG_GOALS.map((g) => `sdg.goals.${g.number}`),
    ...SDG_TARGET_CODES.map(targetMessageKey),
    ...MODES.map((k) => `alliance.modes.${k}`),
    ...MODES.map((k) => `alliance.modeHelp.${k}`),
    ...MECENAT_FORMS.map((k) => `alliance.mecenatForms.${k}`),
    ...ENTRY_DOORS.map((k) => `alliance.entryDoors.${k}`),
    ...IMPACT_DIMENSIONS.map((d) => `alliance.impacts.${d.key}`),
    ...LIFECYCLE_STAGES.map((k) => `alliance.lifecycle.${k}`),
    ...DEFAULT_ENGAGEMENT_SCHEMES.map((k) => `alliance.engagementSchemes.${k}`),
    ...DEFAULT_PARTNER_ROLES.map((k) => `alliance.partnerRoles.${k}`),
    ...CONTRIBUTION_KINDS.map((k) => `alliance.contributionKinds.${k.key}`),
    ...CONTRIBUTION_KINDS.map((k) => `alliance.units.${k.unit}`),
    ...ORGANISATION_KINDS.map((k) => `alliance.organisationKinds.${k}`),
    ...ROLES.map((k) => `roles.${k}`),
    ...WORKSPACE_KINDS.map((k) => `workspaceKinds.${k}`),
  ];

  it("label every key of the domain's lists, in both languages", () => {
    const missing = required.flatMap((key) =>
      [fr, en]
        .filter((m) => typeof lookup(m, key) !== "string" || !lookup(m, key))
        .map((m) => `${m === fr ? "fr" : "en"}:${key}`),
    );
    expect(missing).toEqual([]);
  });

  it("give all 169 SDG targets distinct labels within each language", () => {
    for (const messages of [fr, en]) {
      const labels = SDG_TARGET_CODES.map((code) => lookup(messages, targetMessageKey(code)));
      expect(new Set(labels).size).toBe(169);
    }
  });
});
