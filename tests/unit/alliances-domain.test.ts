import { describe, expect, it } from "vitest";
import {
  contributionValueCents,
  currentMode,
  customListEntries,
  CUSTOM_KEY_PATTERN,
  MODES,
  partyShareAction,
  partyStanding,
} from "../../domain/alliances";
import { kindFromLegalCategory } from "../../domain/identifiers";

describe("modes of relationship", () => {
  it("are the four of the typology", () => {
    expect(MODES).toEqual(["pratiques_responsables", "mecenat", "cooperation_economique", "innovation_societale"]);
  });
  it("the current one is the latest period's, whatever the order they were entered in", () => {
    expect(
      currentMode([
        { mode: "cooperation_economique", from: "2024-01-01" },
        { mode: "mecenat", from: "2021-03-01", to: "2023-12-31" },
      ]),
    ).toBe("cooperation_economique");
    expect(currentMode([])).toBeNull();
  });
});

describe("contribution value", () => {
  it("takes an entered value first", () => {
    expect(
      contributionValueCents({
        kind: "heures_competences",
        quantity: 10,
        enteredValueCents: 5000,
        hourlyRateCents: 4000,
      }),
    ).toBe(5000);
  });
  it("values hours with the workspace's hourly rate", () => {
    expect(contributionValueCents({ kind: "heures_benevolat", quantity: 12.5, hourlyRateCents: 2150 })).toBe(26875);
    expect(contributionValueCents({ kind: "heures_competences", quantity: 3 })).toBeNull();
  });
  it("counts money at face value and leaves goods unvalued until someone enters a value", () => {
    expect(contributionValueCents({ kind: "argent", quantity: 1500.5 })).toBe(150050);
    expect(contributionValueCents({ kind: "biens_nature", quantity: 40 })).toBeNull();
  });
});

describe("INSEE legal categories", () => {
  it.each([
    ["9220", "association"],
    ["9230", "association"],
    ["9260", "association"],
    ["9300", "fondation"],
    ["5710", "entreprise"],
    ["1000", "entreprise"],
    ["6540", "entreprise"],
    ["7210", "collectivite"],
    ["7220", "collectivite"],
    ["7230", "collectivite"],
    ["7346", "intercommunalite"],
    ["7354", "intercommunalite"],
    ["7383", "etablissement_public"],
    ["7410", "etablissement_public"],
    ["4110", "etablissement_public"],
    ["8110", "autre"],
    ["92", "autre"],
  ])("%s → %s", (category, kind) => {
    expect(kindFromLegalCategory(category)).toBe(kind);
  });
});

describe("custom list keys", () => {
  it("are lower-case ASCII words joined by underscores", () => {
    expect(CUSTOM_KEY_PATTERN.test("tutorat_jeunes")).toBe(true);
    expect(CUSTOM_KEY_PATTERN.test("Tutorat")).toBe(false);
    expect(CUSTOM_KEY_PATTERN.test("tutorat__jeunes")).toBe(false);
  });
});

describe("extendable lists", () => {
  it("give typed labels stable keys, skipping defaults and duplicates", () => {
    expect(
      customListEntries(
        ["Tutorat de jeunes", " Prêt de matériel ", "Financeur", "tutorat de jeunes", "", "3e voie"],
        ["porteur", "financeur"],
      ),
    ).toEqual([
      { key: "tutorat_de_jeunes", label: "Tutorat de jeunes" },
      { key: "pret_de_materiel", label: "Prêt de matériel" },
      { key: "n3e_voie", label: "3e voie" },
    ]);
  });
});

describe("a party's one standing", () => {
  const named = {
    status: "accepted" as const,
    hasWorkspace: false,
    organisationHasWorkspace: false,
    invitedEmail: null,
  };
  it("says a named partner is on Maillage exactly when it can be invited from its workspace", () => {
    expect(partyStanding(named)).toBe("notOnMaillage");
    expect(partyShareAction(partyStanding(named), false)).toBe("inviteByEmail");
    const onMaillage = { ...named, organisationHasWorkspace: true };
    expect(partyStanding(onMaillage)).toBe("onMaillage");
    expect(partyShareAction(partyStanding(onMaillage), true)).toBe("inviteWorkspace");
  });
  it("offers to withdraw a pending invitation, to a workspace or to an address", () => {
    expect(partyStanding({ ...named, status: "invited", hasWorkspace: true, organisationHasWorkspace: true })).toBe(
      "invited",
    );
    expect(partyStanding({ ...named, status: "invited", invitedEmail: "a@b.fr" })).toBe("invitedByEmail");
    expect(partyShareAction("invited", true)).toBe("withdraw");
    expect(partyShareAction("invitedByEmail", false)).toBe("withdraw");
  });
  it("offers nothing for a co-owner, and a new invitation after a refusal, a withdrawal or a departure", () => {
    expect(partyStanding({ ...named, hasWorkspace: true, organisationHasWorkspace: true })).toBe("coOwner");
    expect(partyShareAction("coOwner", true)).toBeNull();
    for (const status of ["declined", "withdrawn", "left"] as const) {
      expect(partyStanding({ ...named, status, hasWorkspace: true, organisationHasWorkspace: true })).toBe(status);
      expect(partyShareAction(status, true)).toBe("inviteWorkspace");
    }
  });
});
