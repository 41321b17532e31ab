import { z } from "zod";
import { searchCommunes } from "../../../domain/territory";
import { territory } from "../../../domain/territory-data";
import { authedProcedure, router } from "../procedures";

export const placesRouter = router({
  /** Commune type-ahead: public reference data, for signed-in users. */
  searchCommunes: authedProcedure
    .meta({ permission: "authed" })
    .input(z.object({ query: z.string().trim().min(1).max(60), limit: z.number().int().min(1).max(20).default(10) }))
    .query(({ input }) =>
      searchCommunes(territory(), input.query, input.limit).map((c) => ({
        code: c.code,
        name: c.name,
        departement: c.departement,
        postalCodes: c.postalCodes.slice(0, 3),
      })),
    ),
});
