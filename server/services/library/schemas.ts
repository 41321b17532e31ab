import { z } from "zod";
import { departementFilter, regionFilter } from "../shared-schemas";
import { MODES } from "../../../domain/alliances";

export const LibraryFilters = z.object({
  mode: z.enum(MODES).optional().catch(undefined),
  goal: z.coerce.number().int().min(1).max(17).optional().catch(undefined),
  region: regionFilter,
  departement: departementFilter,
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});
export type LibraryFilters = z.infer<typeof LibraryFilters>;
