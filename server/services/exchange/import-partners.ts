import { sql } from "drizzle-orm";
import { pgArray, resultRows } from "../../../db/rows";
import { ORGANISATION_KINDS } from "../../../domain/identifiers";
import { guessKind, NAME_NOISE, nameCore, nameSimilarity, NEAR_MATCH } from "../../../domain/import";
import { normalizeForSearch } from "../../../domain/territory";
import { territory } from "../../../domain/territory-data";
import type { WorkspaceContext } from "../context";
import type { Decisions, PartnerCandidate, PartnerChoice } from "./import-types";
import type { ParsedRow } from "./import-parse";

/** Matching the partners a file names to the directory: certain, new, or to confirm among near names. */

export interface OrganisationRow {
  id: string;
  name: string;
  search_name: string;
  kind: string;
  siren: string | null;
  siret: string | null;
  rna: string | null;
  commune_code: string | null;
}

export function candidate(o: OrganisationRow, similarity: number): PartnerCandidate {
  const commune = o.commune_code ? territory().communes.get(o.commune_code) : null;
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    siren: o.siren,
    rna: o.rna,
    place: commune ? `${commune.name} (${commune.departement})` : null,
    similarity: Math.round(similarity * 100) / 100,
  };
}

/**
 * Matches the file's partners to the shared directory: by SIREN (a SIRET's first nine digits
 * included), SIRET or RNA first, then by exact name, then proposes names that are near for the
 * user to confirm. Applies the user's decisions. Reads the directory (shared by every workspace).
 */
export async function matchPartners(
  ctx: WorkspaceContext,
  parsed: ParsedRow[],
  decisions: Decisions,
): Promise<PartnerChoice[]> {
  const byKey = new Map<string, PartnerChoice>();
  for (const row of parsed) {
    for (const p of row.partners) {
      const known = byKey.get(p.key);
      if (known) {
        if (known.lines.length < 20) known.lines.push(row.line);
        if (!known.name && p.name) known.name = p.name;
        continue;
      }
      byKey.set(p.key, {
        key: p.key,
        text: p.text,
        name: p.name,
        identifier: p.identifier,
        status: "new",
        matched: null,
        candidates: [],
        kind: guessKind(p.name, p.identifier),
        lines: [row.line],
      });
    }
  }
  const choices = [...byKey.values()];
  const sirens = choices.flatMap((c) =>
    c.identifier && c.identifier.kind !== "rna" ? [c.identifier.value.slice(0, 9)] : [],
  );
  const rnas = choices.flatMap((c) => (c.identifier?.kind === "rna" ? [c.identifier.value] : []));
  const names = choices.flatMap((c) => (c.identifier ? [] : [normalizeForSearch(c.name)]));
  // Near names are looked for among those whose first telling word starts alike ("Association
  // Les Restos…" and "Restos du cœur" both start at "rest"): one pass over the directory.
  const prefixes = [
    ...new Set(
      choices.flatMap((c) => (c.identifier ? [] : [nameCore(c.name).slice(0, 4)])).filter((p) => p.length >= 3),
    ),
  ];
  const noise = [...NAME_NOISE].join("|");
  const columns = sql`id, name, search_name, kind, siren, siret, rna, commune_code`;
  const [byIdentifier, byName, near] = await Promise.all([
    sirens.length || rnas.length
      ? ctx.tx.execute(
          sql`select ${columns} from organisations where siren = any(${pgArray(sirens)}::text[]) or rna = any(${pgArray(rnas)}::text[])`,
        )
      : Promise.resolve([]),
    names.length
      ? ctx.tx.execute(sql`select ${columns} from organisations where search_name = any(${pgArray(names)}::text[])`)
      : Promise.resolve([]),
    prefixes.length
      ? ctx.tx.execute(
          sql`select ${columns} from organisations
              where substring(regexp_replace(search_name, ${`^((${noise})\s+)+`}, '') from 1 for 4) = any(${pgArray(prefixes)}::text[]) limit 20000`,
        )
      : Promise.resolve([]),
  ]);
  const identified = resultRows<OrganisationRow>(byIdentifier);
  const named = resultRows<OrganisationRow>(byName);
  const nearRows = resultRows<OrganisationRow>(near);

  for (const choice of choices) {
    if (choice.identifier) {
      const id = choice.identifier;
      const hit = identified.find((o) => (id.kind === "rna" ? o.rna === id.value : o.siren === id.value.slice(0, 9)));
      if (hit) {
        choice.status = "matched";
        choice.matched = candidate(hit, 1);
      }
    } else {
      const wanted = normalizeForSearch(choice.name);
      const exact = named.filter((o) => o.search_name === wanted);
      if (exact.length === 1) {
        choice.status = "matched";
        choice.matched = candidate(exact[0]!, 1);
      } else {
        const close =
          exact.length > 1
            ? exact.map((o) => candidate(o, 1))
            : nearRows
                .map((o) => candidate(o, nameSimilarity(o.name, choice.name)))
                .filter((c) => c.similarity >= NEAR_MATCH);
        choice.candidates = close
          .sort((a, b) => b.similarity - a.similarity || a.name.localeCompare(b.name))
          .slice(0, 5);
        if (choice.candidates.length) choice.status = "confirm";
      }
    }
    const decision = decisions[choice.key];
    if (decision && "organisationId" in decision) {
      const chosen =
        choice.candidates.find((c) => c.id === decision.organisationId) ??
        (choice.matched?.id === decision.organisationId ? choice.matched : null);
      if (chosen) {
        choice.status = "matched";
        choice.matched = chosen;
      }
    } else if (
      decision &&
      "create" in decision &&
      ORGANISATION_KINDS.includes(decision.create) &&
      choice.status !== "matched"
    ) {
      choice.status = "new";
      choice.kind = decision.create;
    }
  }
  return choices;
}
