import { z } from "zod";
import { getPublished } from "../../services/library/get-published";
import { listPublished } from "../../services/library/list-published";
import { publishedForSitemap } from "../../services/library/published-for-sitemap";
import { LibraryFilters } from "../../services/library/schemas";
import { publicProcedure, router } from "../procedures";

export const libraryRouter = router({
  /** The alliances every party chose to publish, filtered and paged: open to anyone. */
  list: publicProcedure
    .meta({ permission: "public" })
    .input(LibraryFilters)
    .query(({ ctx, input }) => listPublished(ctx.db, input)),
  /** One published alliance, public fields only; null when it is not (or no longer) published. */
  get: publicProcedure
    .meta({ permission: "public" })
    .input(z.object({ id: z.string().max(100) }))
    .query(({ ctx, input }) => getPublished(ctx.db, input.id)),
  /** Every published alliance's id and last change, for the sitemap. */
  sitemap: publicProcedure.meta({ permission: "public" }).query(({ ctx }) => publishedForSitemap(ctx.db)),
});
