import { eq, or, asc } from "drizzle-orm";
import { organisations } from "../../../db/schema";
import { normalizeForSearch } from "../../../domain/territory";
import { territory } from "../../../domain/territory-data";
import { AppError } from "../../errors";
import type { WorkspaceContext } from "../context";
import type { MatchIdentifiersInput, NewOrganisationInput } from "./schemas";

/** The directory's conditions for an organisation that has one of these identifiers (none: no condition). */
function identifierConditions(input: { siren?: string | null; siret?: string | null; rna?: string | null }) {
  // An establishment's SIRET names its legal entity's SIREN: that entity is the organisation.
  const siren = input.siren ?? (input.siret ? input.siret.slice(0, 9) : null);
  return {
    siren,
    conditions: [
      siren ? eq(organisations.siren, siren) : undefined,
      input.siret ? eq(organisations.siret, input.siret) : undefined,
      input.rna ? eq(organisations.rna, input.rna) : undefined,
    ].filter(Boolean),
  };
}

/**
 * The known organisation that a partner described as new would become, by SIREN, SIRET (its
 * SIREN) or RNA, or null: the form says so before saving, since saving reuses it and its name
 * rather than the typed one. The directory is shared by the platform; the caller must be
 * acting for a workspace (organisations.read).
 */
export async function matchOrganisationByIdentifiers(ctx: WorkspaceContext, input: MatchIdentifiersInput) {
  const { conditions } = identifierConditions(input);
  if (conditions.length === 0) return null;
  const [known] = await ctx.tx
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      siren: organisations.siren,
      rna: organisations.rna,
    })
    .from(organisations)
    .where(or(...conditions))
    .orderBy(asc(organisations.name))
    .limit(1);
  return known ?? null;
}

/**
 * One identity per real organisation: an organisation whose SIREN, SIRET or RNA is already in
 * the directory is reused rather than duplicated. Returns the organisation and whether it
 * was created. The directory is shared; the caller must be acting for a workspace.
 */
export async function findOrCreateOrganisation(ctx: Pick<WorkspaceContext, "tx">, input: NewOrganisationInput) {
  const { siren, conditions: identifiers } = identifierConditions(input);
  if (identifiers.length > 0) {
    const [existing] = await ctx.tx
      .select()
      .from(organisations)
      .where(or(...identifiers));
    if (existing) return { organisation: existing, created: false };
  }
  let departementCode: string | null = null;
  let regionCode: string | null = null;
  if (input.communeCode) {
    const commune = territory().communes.get(input.communeCode);
    if (!commune) throw new AppError("BAD_REQUEST", "errors.territory.commune", { field: "communeCode" });
    departementCode = commune.departement;
    regionCode = commune.region;
  }
  const [inserted] = await ctx.tx
    .insert(organisations)
    .values({
      name: input.name,
      searchName: normalizeForSearch(input.name),
      kind: input.kind,
      siren,
      siret: input.siret,
      rna: input.rna,
      legalCategory: input.legalCategory ?? null,
      communeCode: input.communeCode ?? null,
      departementCode,
      regionCode,
      website: input.website ?? null,
    })
    // Another request may have registered the same identifier meanwhile: then reuse it.
    .onConflictDoNothing()
    .returning();
  if (inserted) return { organisation: inserted, created: true };
  const [existing] = identifiers.length
    ? await ctx.tx
        .select()
        .from(organisations)
        .where(or(...identifiers))
    : [];
  if (!existing) throw new AppError("INTERNAL", "errors.internal");
  return { organisation: existing, created: false };
}
