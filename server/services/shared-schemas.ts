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

/** A région code in a URL filter (two digits); anything else is dropped, not refused. */
export const regionFilter = z
  .string()
  .regex(/^\d{2}$/)
  .optional()
  .catch(undefined);

/** A département code in a URL filter (two or three digits, 2A, 2B); anything else is dropped. */
export const departementFilter = z
  .string()
  .regex(/^(\d{2,3}|2A|2B)$/)
  .optional()
  .catch(undefined);
