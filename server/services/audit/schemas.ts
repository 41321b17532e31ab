import { z } from "zod";

export const ListAuditEventsInput = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  // A cursor is a moment of the log: from 1970 to 2200 (PostgreSQL refused far dates with a 500).
  cursor: z
    .object({
      createdAt: z
        .date()
        .min(new Date("1970-01-01T00:00:00Z"), { message: "errors.dates.range" })
        .max(new Date("2200-01-01T00:00:00Z"), { message: "errors.dates.range" }),
      id: z.uuid(),
    })
    .nullish(),
});
export type ListAuditEventsInput = z.infer<typeof ListAuditEventsInput>;
