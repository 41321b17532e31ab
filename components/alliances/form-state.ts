import type { EntryDoor, LifecycleStage, MecenatForm, Mode } from "@/domain/alliances";
import type { OrganisationKind } from "@/domain/identifiers";
import type { TerritoryLevel } from "@/domain/territory";

/** What the alliance form edits; `toInput` turns it into the API's input. */
export interface PartnerDraft {
  key: string;
  organisationId: string | null;
  organisationName: string | null;
  isNew: boolean;
  name: string;
  kind: OrganisationKind;
  siren: string;
  siret: string;
  rna: string;
  legalCategory: string;
  website: string;
  role: string;
}

export interface AllianceDraft {
  title: string;
  summary: string;
  keyResults: string;
  stage: LifecycleStage;
  startsOn: string;
  endsOn: string;
  ownRole: string;
  partners: PartnerDraft[];
  modes: Array<{ key: string; mode: Mode; mecenatForms: MecenatForm[]; startsOn: string; endsOn: string }>;
  sdgTargets: string[];
  primaryTarget: string;
  scope: TerritoryLevel;
  places: Array<{ code: string; label: string }>;
  entryDoors: EntryDoor[];
  engagements: Array<{ key: string; scheme: string; employees: string; hours: string }>;
  tags: string;
}

/** A key for list rows; random so rows made in the browser never collide with rows rendered on the server. */
export const newKey = () => `k${Math.random().toString(36).slice(2, 10)}`;

export function emptyPartner(): PartnerDraft {
  return {
    key: newKey(),
    organisationId: null,
    organisationName: null,
    isNew: false,
    name: "",
    kind: "entreprise",
    siren: "",
    siret: "",
    rna: "",
    legalCategory: "",
    website: "",
    role: "partenaire",
  };
}

export function emptyDraft(today: string): AllianceDraft {
  return {
    title: "",
    summary: "",
    keyResults: "",
    stage: "preparation_partenariat",
    startsOn: "",
    endsOn: "",
    ownRole: "porteur",
    partners: [emptyPartner()],
    modes: [{ key: newKey(), mode: "mecenat", mecenatForms: [], startsOn: today, endsOn: "" }],
    sdgTargets: [],
    primaryTarget: "",
    scope: "national",
    places: [],
    entryDoors: [],
    engagements: [],
    tags: "",
  };
}

const orNull = (v: string) => (v.trim() === "" ? null : v.trim());
const num = (v: string) => (v.trim() === "" ? null : Number(v.replace(",", ".")));

export function toInput(d: AllianceDraft) {
  return {
    title: d.title,
    summary: orNull(d.summary),
    keyResults: orNull(d.keyResults),
    stage: d.stage,
    startsOn: orNull(d.startsOn),
    endsOn: orNull(d.endsOn),
    ownRole: d.ownRole,
    partners: d.partners.map((p) =>
      p.isNew
        ? {
            organisation: {
              name: p.name,
              kind: p.kind,
              siren: orNull(p.siren),
              siret: orNull(p.siret),
              rna: orNull(p.rna),
              legalCategory: orNull(p.legalCategory),
              website: orNull(p.website),
            },
            role: p.role,
          }
        : { organisationId: p.organisationId, role: p.role },
    ),
    modes: d.modes.map((m) => ({
      mode: m.mode,
      mecenatForms: m.mode === "mecenat" ? m.mecenatForms : [],
      startsOn: m.startsOn,
      endsOn: orNull(m.endsOn),
    })),
    sdgTargets: d.sdgTargets.map((target) => ({ target, isPrimary: target === (d.primaryTarget || d.sdgTargets[0]) })),
    territory: { scope: d.scope, codes: d.scope === "national" ? [] : d.places.map((p) => p.code) },
    entryDoors: d.entryDoors,
    engagements: d.engagements.map((e) => ({ scheme: e.scheme, employees: num(e.employees), hours: num(e.hours) })),
    tags: d.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
  };
}

/** The draft of an existing alliance, as the detail API returns it. */
export function draftFromAlliance(
  a: {
    title: string;
    summary: string | null;
    keyResults: string | null;
    stage: LifecycleStage;
    startsOn: string | null;
    endsOn: string | null;
    territoryScope: TerritoryLevel;
    entryDoors: string[];
    tags: string[];
    parties: Array<{ organisationId: string; name: string; role: string; isMine: boolean }>;
    modes: Array<{ mode: Mode; mecenatForms: string[]; startsOn: string; endsOn: string | null }>;
    sdgTargets: Array<{ target: string; isPrimary: boolean }>;
    territories: Array<{ code: string }>;
    engagements: Array<{ scheme: string; employees: number | null; hours: number | null }>;
  },
  placeLabel: (code: string) => string,
): AllianceDraft {
  const mine = a.parties.find((p) => p.isMine);
  return {
    title: a.title,
    summary: a.summary ?? "",
    keyResults: a.keyResults ?? "",
    stage: a.stage,
    startsOn: a.startsOn ?? "",
    endsOn: a.endsOn ?? "",
    ownRole: mine?.role ?? "porteur",
    partners: a.parties
      .filter((p) => !p.isMine)
      .map((p) => ({ ...emptyPartner(), organisationId: p.organisationId, organisationName: p.name, role: p.role })),
    modes: a.modes.map((m) => ({
      key: newKey(),
      mode: m.mode,
      mecenatForms: m.mecenatForms as MecenatForm[],
      startsOn: m.startsOn,
      endsOn: m.endsOn ?? "",
    })),
    sdgTargets: a.sdgTargets.map((s) => s.target),
    primaryTarget: a.sdgTargets.find((s) => s.isPrimary)?.target ?? "",
    scope: a.territoryScope,
    places: a.territories.map((t) => ({ code: t.code, label: placeLabel(t.code) })),
    entryDoors: a.entryDoors as EntryDoor[],
    engagements: a.engagements.map((e) => ({
      key: newKey(),
      scheme: e.scheme,
      employees: e.employees?.toString() ?? "",
      hours: e.hours?.toString() ?? "",
    })),
    tags: a.tags.join(", "),
  };
}
