import { getObservatory } from "../../services/observatory/get-observatory";
import { getObservatoryTable } from "../../services/observatory/get-table";
import { ObservatoryScopeInput, ObservatoryTableInput } from "../../services/observatory/schemas";
import { publicProcedure, router } from "../procedures";

export const observatoryRouter = router({
  /** The observatory of France, a région or an SDG goal: every table, as published. Open to anyone. */
  get: publicProcedure
    .meta({ permission: "public" })
    .input(ObservatoryScopeInput)
    .query(({ ctx, input }) => getObservatory(ctx.db, input)),
  /** One table of one scope, as the open-data files give it. Open to anyone. */
  table: publicProcedure
    .meta({ permission: "public" })
    .input(ObservatoryTableInput)
    .query(({ ctx, input }) => getObservatoryTable(ctx.db, input)),
});
