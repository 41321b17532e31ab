import { sql } from "drizzle-orm";
import {
  CONTRIBUTION_KINDS,
  ENTRY_DOORS,
  LIFECYCLE_STAGES,
  MECENAT_FORMS,
  MODES,
  type Mode,
} from "../domain/alliances";
import type { OrganisationKind } from "../domain/identifiers";
import { goalOfTarget, SDG_TARGET_CODES } from "../domain/sdg";
import { normalizeForSearch, territoryParents } from "../domain/territory";
import { territory } from "../domain/territory-data";
import type { Db } from "./client";
import { resultRows } from "./rows";
import {
  allianceContributions,
  allianceEngagements,
  allianceModePeriods,
  allianceParties,
  alliances,
  allianceSdgTargets,
  allianceTerritories,
  allianceTimeline,
  auditEvents,
  organisations,
  workspaces,
} from "./schema";

/** Fictional partner organisations of the demo. */
const PARTNERS: Array<{ name: string; kind: OrganisationKind }> = [
  { name: "Épicerie Solidaire du Vercors", kind: "association" },
  { name: "Atelier Vélo Partagé", kind: "association" },
  { name: "Ressourcerie des Deux Rives", kind: "association" },
  { name: "Les Toques Solidaires", kind: "association" },
  { name: "Réseau Coup de Pouce Scolaire", kind: "association" },
  { name: "Maison des Savoirs Numériques", kind: "association" },
  { name: "Fondation Terres d'Avenir", kind: "fondation" },
  { name: "Fondation Lien Rural", kind: "fondation" },
  { name: "Menuiserie Coopérative Drômoise", kind: "entreprise" },
  { name: "Transports Valrhône", kind: "entreprise" },
  { name: "Banque Régionale Coopérative", kind: "entreprise" },
  { name: "Énergies Citoyennes du Diois", kind: "entreprise" },
  { name: "Laiterie des Collines", kind: "entreprise" },
  { name: "Studio Numérique Alpin", kind: "entreprise" },
  { name: "Mutuelle Santé Rhône-Alpes", kind: "entreprise" },
  { name: "Communauté de communes du Val Vert", kind: "intercommunalite" },
  { name: "Commune de Saint-Aubin-les-Prés", kind: "collectivite" },
  { name: "Lycée professionnel des Métiers du Bois", kind: "etablissement_public" },
  { name: "Centre hospitalier de la Vallée", kind: "etablissement_public" },
  { name: "Agence locale de l'énergie", kind: "autre" },
];

const THEMES = [
  "Potager solidaire",
  "Atelier de réparation de vélos",
  "Épicerie à prix doux",
  "Mécénat de compétences numériques",
  "Chantier d'insertion maraîcher",
  "Accompagnement scolaire",
  "Ressourcerie et réemploi",
  "Tiers-lieu rural",
  "Formation aux métiers du bois",
  "Covoiturage solidaire",
  "Cuisine d'insertion",
  "Rénovation énergétique participative",
  "Santé des aidants",
  "Jardins pédagogiques",
  "Collecte alimentaire",
];

/** Mostly the Rhône valley around the demo département, plus a few cities elsewhere. */
const PLACES = [
  "26362",
  "26281",
  "26198",
  "26113",
  "26108",
  "07186",
  "07010",
  "69123",
  "69266",
  "38185",
  "42218",
  "59350",
  "13055",
  "35238",
  "44109",
  "31555",
  "67482",
  "21231",
];

/** A small deterministic generator, so the demo is the same on every machine. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

/**
 * About sixty alliances across the three demo workspaces, varied in modes (with trajectories),
 * SDG targets, territories, stages and contributions. Runs as the database owner; does nothing
 * when the demo workspaces already have alliances.
 */
export async function seedDemoAlliances(db: Db, plan: Array<{ slug: string; count: number }>): Promise<number> {
  const index = territory();
  const rand = generator(2026);
  let created = 0;
  await db.transaction(async (tx) => {
    const todo: Array<{ ws: typeof workspaces.$inferSelect; count: number }> = [];
    for (const { slug, count } of plan) {
      const [ws] = await tx
        .select()
        .from(workspaces)
        .where(sql`${workspaces.slug} = ${slug}`);
      if (!ws) continue;
      const existing = await tx.execute(sql`select 1 from alliance_parties where workspace_id = ${ws.id} limit 1`);
      if (resultRows(existing).length === 0) todo.push({ ws, count });
    }
    if (todo.length === 0) return;
    const partnerIds: string[] = [];
    for (const p of PARTNERS) {
      const searchName = normalizeForSearch(p.name);
      const [known] = await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(sql`${organisations.searchName} = ${searchName}`);
      const [row] = known
        ? [known]
        : await tx
            .insert(organisations)
            .values({ name: p.name, searchName, kind: p.kind })
            .returning({ id: organisations.id });
      partnerIds.push(row!.id);
    }
    for (const { ws, count } of todo) {
      const slug = ws.slug;
      let ownOrganisationId = ws.organisationId;
      if (!ownOrganisationId) {
        const identifier = ws.siren
          ? sql`${organisations.siren} = ${ws.siren}`
          : ws.rna
            ? sql`${organisations.rna} = ${ws.rna}`
            : sql`false`;
        const [known] = await tx.select({ id: organisations.id }).from(organisations).where(identifier);
        const [own] = known
          ? [known]
          : await tx
              .insert(organisations)
              .values({
                name: ws.name,
                searchName: normalizeForSearch(ws.name),
                kind: ws.kind,
                siren: ws.siren,
                rna: ws.rna,
              })
              .onConflictDoNothing()
              .returning({ id: organisations.id })
              .then(async (rows) =>
                rows.length ? rows : tx.select({ id: organisations.id }).from(organisations).where(identifier),
              );
        ownOrganisationId = own!.id;
        await tx
          .update(workspaces)
          .set({ organisationId: ownOrganisationId, hourlyRateCents: 3500 })
          .where(sql`${workspaces.id} = ${ws.id}`);
      }
      for (let i = 0; i < count; i++) {
        const place = index.communes.get(PLACES[(i + slug.length) % PLACES.length]!)!;
        const theme = THEMES[(i * 7 + slug.length) % THEMES.length]!;
        const title = `${theme} à ${place.name}`;
        const startYear = rand.int(2017, 2025);
        const startsOn = `${startYear}-${String(rand.int(1, 12)).padStart(2, "0")}-01`;
        const stage = rand.pick(LIFECYCLE_STAGES);
        const partners = [...new Set([rand.int(0, PARTNERS.length - 1), rand.int(0, PARTNERS.length - 1)])];
        const names = [ws.name, ...partners.map((p) => PARTNERS[p]!.name)];
        const scope = rand.next() < 0.6 ? "commune" : rand.next() < 0.5 ? "departement" : "region";
        const code = scope === "commune" ? place.code : scope === "departement" ? place.departement : place.region;
        const [alliance] = await tx
          .insert(alliances)
          .values({
            title,
            summary: `${theme} : un projet mené avec ${names.slice(1).join(" et ")} sur le territoire de ${place.name}.`,
            stage,
            startsOn,
            endsOn: stage === "termine" ? `${Math.min(startYear + rand.int(1, 4), 2026)}-06-30` : null,
            territoryScope: scope,
            entryDoors: [rand.pick(ENTRY_DOORS), ...(rand.next() < 0.4 ? [rand.pick(ENTRY_DOORS)] : [])].filter(
              (d, k, all) => all.indexOf(d) === k,
            ),
            tags: rand.next() < 0.5 ? ["demo", theme.split(" ")[0]!.toLowerCase()] : ["demo"],
            searchText: normalizeForSearch(`${title} ${names.join(" ")}`),
            archivedAt: i % 17 === 16 ? new Date() : null,
          })
          .returning({ id: alliances.id });
        const allianceId = alliance!.id;
        const [mine] = await tx
          .insert(allianceParties)
          .values({
            allianceId,
            organisationId: ownOrganisationId,
            workspaceId: ws.id,
            role: "porteur",
            status: "accepted",
          })
          .returning({ id: allianceParties.id });
        const partyIds = [mine!.id];
        for (const p of partners) {
          const [row] = await tx
            .insert(allianceParties)
            .values({
              allianceId,
              organisationId: partnerIds[p]!,
              role: rand.pick(["partenaire", "financeur", "operateur"]),
              status: "accepted",
            })
            .returning({ id: allianceParties.id });
          partyIds.push(row!.id);
        }
        // Most alliances start in mécénat or responsible practices; some move on later.
        const first: Mode = rand.next() < 0.6 ? "mecenat" : "pratiques_responsables";
        const moved = rand.next() < 0.35 && startYear < 2024;
        await tx.insert(allianceModePeriods).values({
          allianceId,
          mode: first,
          mecenatForms: first === "mecenat" ? [rand.pick(MECENAT_FORMS)] : [],
          startsOn,
          endsOn: moved ? `${startYear + 2}-12-31` : null,
        });
        if (moved) {
          await tx.insert(allianceModePeriods).values({
            allianceId,
            mode: rand.pick(MODES.filter((m) => m !== first && m !== "mecenat")),
            startsOn: `${startYear + 3}-01-01`,
          });
        }
        const targets = [...new Set([rand.pick(SDG_TARGET_CODES), rand.pick(SDG_TARGET_CODES), "17.17"])];
        await tx
          .insert(allianceSdgTargets)
          .values(
            targets.map((target, k) => ({ allianceId, target, goal: goalOfTarget(target)!, isPrimary: k === 0 })),
          );
        await tx
          .insert(allianceTerritories)
          .values({ allianceId, level: scope, code, ...territoryParents(index, scope, code)! });
        if (rand.next() < 0.4) {
          await tx.insert(allianceEngagements).values({
            allianceId,
            scheme: "mecenat_competences",
            employees: rand.int(2, 40),
            hours: rand.int(10, 400),
          });
        }
        for (let c = 0; c < rand.int(0, 4); c++) {
          const kind = rand.pick(CONTRIBUTION_KINDS);
          const quantity = kind.key === "argent" ? rand.int(5, 200) * 100 : rand.int(5, 120);
          await tx.insert(allianceContributions).values({
            allianceId,
            partyId: rand.pick(partyIds),
            kind: kind.key,
            quantity,
            unit: kind.unit,
            valueCents:
              kind.key === "argent"
                ? quantity * 100
                : kind.valuedByHourlyRate
                  ? quantity * 3500
                  : rand.next() < 0.5
                    ? quantity * rand.int(10, 60) * 100
                    : null,
            hourlyRateCents: kind.valuedByHourlyRate ? 3500 : null,
            occurredOn: `${Math.min(startYear + c, 2026)}-0${rand.int(1, 9)}-15`,
          });
        }
        await tx.insert(auditEvents).values({
          workspaceId: ws.id,
          action: "alliance.create",
          entityType: "alliance",
          entityId: allianceId,
          after: { title, stage },
        });
        if (rand.next() < 0.5) {
          await tx.insert(allianceTimeline).values({
            allianceId,
            kind: "meeting",
            title: "Comité de pilotage",
            occurredOn: `${Math.min(startYear + 1, 2026)}-03-10`,
          });
        }
        created++;
      }
    }
  });
  return created;
}
