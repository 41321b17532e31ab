import { z } from "zod";
import { ALLIANCE_COLUMNS } from "../../../domain/exchange";
import { ORGANISATION_KINDS } from "../../../domain/identifiers";
import { MAX_IMPORT_BYTES } from "../../../domain/exchange";
import { ListAlliancesInput } from "../alliances/schemas";

const fieldKeys = ALLIANCE_COLUMNS.map((c) => c.key) as [string, ...string[]];

export const UploadImportInput = z.object({
  fileName: z.string().trim().min(1).max(200),
  /** The file's bytes, base64-encoded. */
  content: z.string().max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4, { message: "errors.import.tooLarge" }),
});

export const ImportIdInput = z.object({ id: z.uuid() });

export const PreviewImportInput = z.object({
  id: z.uuid(),
  mapping: z.array(z.enum(fieldKeys).nullable()).max(200),
  decisions: z
    .record(
      z.string().max(300),
      z.union([z.object({ organisationId: z.uuid() }), z.object({ create: z.enum(ORGANISATION_KINDS) })]),
    )
    .default({}),
});

export const EXPORT_KINDS = ["alliances", "ledger", "organisations"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The list's filters an export of alliances or of their ledger keeps (the page's, without paging). */
export const ExportFilters = ListAlliancesInput.omit({ sort: true, direction: true, page: true, pageSize: true });

export const RequestExportInput = z.object({
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(["csv", "xlsx"]),
  filters: ExportFilters.prefault({}),
});

export const ExportIdInput = z.object({ id: z.uuid() });
