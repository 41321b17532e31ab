import { z } from "zod";
import { OBSERVATORY_SCOPES, OBSERVATORY_TABLE_NAMES } from "../../../domain/observatory";

/** Which part of the observatory: France (no code), a région (its INSEE code) or an SDG goal (1–17). */
export const ObservatoryScopeInput = z
  .object({
    scope: z.enum(OBSERVATORY_SCOPES).default("france"),
    code: z.string().trim().max(3).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.scope === "france" && value.code)
      ctx.addIssue({ code: "custom", path: ["code"], message: "errors.observatory.noCode" });
    if (value.scope === "region" && !/^\d{2,3}$/.test(value.code ?? ""))
      ctx.addIssue({ code: "custom", path: ["code"], message: "errors.observatory.regionCode" });
    if (value.scope === "goal" && !/^([1-9]|1[0-7])$/.test(value.code ?? ""))
      ctx.addIssue({ code: "custom", path: ["code"], message: "errors.observatory.goalCode" });
  })
  .transform((value) => ({ scope: value.scope, code: value.scope === "france" ? "" : value.code! }));
export type ObservatoryScopeInput = z.output<typeof ObservatoryScopeInput>;

/** One table of the observatory, for the open-data files and the public API. */
export const ObservatoryTableInput = z
  .object({ table: z.enum(OBSERVATORY_TABLE_NAMES as [string, ...string[]]) })
  .and(ObservatoryScopeInput);
export type ObservatoryTableInput = z.output<typeof ObservatoryTableInput>;
