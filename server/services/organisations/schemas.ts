import { z } from "zod";
import { isValidRna, isValidSiren, isValidSiret, ORGANISATION_KINDS } from "../../../domain/identifiers";
import { optionalIdentifier } from "../shared-schemas";

export const NewOrganisationInput = z.object({
  name: z
    .string()
    .trim()
    .min(2, { message: "errors.organisation.nameLength" })
    .max(200, { message: "errors.organisation.nameLength" }),
  kind: z.enum(ORGANISATION_KINDS, { message: "errors.organisation.kind" }),
  siren: optionalIdentifier(isValidSiren, "errors.identifiers.siren"),
  siret: optionalIdentifier(isValidSiret, "errors.identifiers.siret"),
  rna: optionalIdentifier(isValidRna, "errors.identifiers.rna"),
  legalCategory: z
    .string()
    .trim()
    .regex(/^\d{4}$/, { message: "errors.organisation.legalCategory" })
    .nullish(),
  communeCode: z
    .string()
    .trim()
    .regex(/^[0-9][0-9AB][0-9]{3}$/, { message: "errors.territory.commune" })
    .nullish(),
  website: z
    .string()
    .trim()
    .url({ message: "errors.organisation.website" })
    .max(300)
    .nullish()
    .or(z.literal("").transform(() => null)),
});
export type NewOrganisationInput = z.infer<typeof NewOrganisationInput>;

export const SuggestOrganisationsInput = z.object({ query: z.string().trim().min(2).max(100) });
export type SuggestOrganisationsInput = z.infer<typeof SuggestOrganisationsInput>;

/** The partner filter's look-up: a name typed (two letters at least), or the partner chosen. */
export const SearchPartnersInput = z
  .object({ query: z.string().trim().min(2).max(100).optional(), id: z.uuid().optional() })
  .refine((v) => (v.query === undefined) !== (v.id === undefined), { message: "errors.validation" });

/** Identifiers typed for a new partner, checked as the form would save them. */
export const MatchIdentifiersInput = z.object({
  siren: optionalIdentifier(isValidSiren, "errors.identifiers.siren"),
  siret: optionalIdentifier(isValidSiret, "errors.identifiers.siret"),
  rna: optionalIdentifier(isValidRna, "errors.identifiers.rna"),
});
export type MatchIdentifiersInput = z.infer<typeof MatchIdentifiersInput>;

export const SaveOrganisationNotesInput = z.object({
  organisationId: z.uuid(),
  notes: z.string().trim().max(10_000).nullish(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  /** The private record's version as read; 0 when the workspace had none yet. */
  version: z.number().int().min(0),
});

export type SaveOrganisationNotesInput = z.infer<typeof SaveOrganisationNotesInput>;

export const AddContactInput = z.object({
  organisationId: z.uuid(),
  name: z.string().trim().min(2, { message: "errors.contact.name" }).max(120),
  role: z.string().trim().max(120).nullish(),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: "errors.email" }))
    .nullish()
    .or(z.literal("").transform(() => null)),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +().-]{6,25}$/, { message: "errors.contact.phone" })
    .nullish()
    .or(z.literal("").transform(() => null)),
});

export type AddContactInput = z.infer<typeof AddContactInput>;
