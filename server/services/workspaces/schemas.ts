import { z } from "zod";
import { isValidRna, isValidSiren } from "../../../domain/identifiers";
import { optionalIdentifier } from "../shared-schemas";
import { isValidSlug, SLUG_MAX, SLUG_MIN, WORKSPACE_KINDS } from "../../../domain/workspaces";

/** Messages are keys under "errors." in messages/<locale>.json; the API translates them. */
export const workspaceSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(SLUG_MIN, { message: "errors.slug.length" })
  .max(SLUG_MAX, { message: "errors.slug.length" })
  .refine(isValidSlug, { message: "errors.slug.format" });

const workspaceFields = {
  name: z
    .string()
    .trim()
    .min(2, { message: "errors.workspace.nameLength" })
    .max(120, { message: "errors.workspace.nameLength" }),
  kind: z.enum(WORKSPACE_KINDS, { message: "errors.workspace.kind" }),
  siren: optionalIdentifier(isValidSiren, "errors.identifiers.siren"),
  rna: optionalIdentifier(isValidRna, "errors.identifiers.rna"),
};

export const CreateWorkspaceInput = z.object({ ...workspaceFields, slug: workspaceSlug });
export type CreateWorkspaceInput = z.infer<typeof CreateWorkspaceInput>;

const customLabels = z
  .array(
    z
      .string()
      .trim()
      .min(2, { message: "errors.workspace.listLabel" })
      .max(60, { message: "errors.workspace.listLabel" }),
  )
  .max(30);

export const UpdateWorkspaceInput = z.object({
  ...workspaceFields,
  version: z.number().int().min(1),
  /** Euros per hour used to value skills and volunteer hours; empty to value them by hand. */
  hourlyRateEuros: z
    .number()
    .min(0, { message: "errors.workspace.hourlyRate" })
    .max(10_000, { message: "errors.workspace.hourlyRate" })
    .nullish(),
  customPartnerRoles: customLabels.optional(),
  customEngagementSchemes: customLabels.optional(),
});
export type UpdateWorkspaceInput = z.infer<typeof UpdateWorkspaceInput>;

export const RequestVerificationInput = z.object({
  note: z
    .string()
    .trim()
    .min(10, { message: "errors.verification.note" })
    .max(2000, { message: "errors.verification.note" }),
});

export const DecideVerificationInput = z.object({ id: z.uuid(), decision: z.enum(["verify", "refuse", "revoke"]) });
