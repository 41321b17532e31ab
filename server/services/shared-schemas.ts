import { z } from "zod";
import { compactIdentifier } from "../../domain/identifiers";

/**
 * An optional SIREN, SIRET or RNA field shared by the workspace and organisation schemas: spaces
 * and dots dropped, checked by `isValid` (refused with the message key `key`), empty as null.
 */
export const optionalIdentifier = (isValid: (v: string) => boolean, key: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : compactIdentifier(v)))
    .refine((v) => v === null || isValid(v), { message: key })
    .nullish()
    .transform((v) => v ?? null);
