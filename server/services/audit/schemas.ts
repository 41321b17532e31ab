import { z } from "zod";

export const ListAuditEventsInput = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.object({ createdAt: z.date(), id: z.uuid() }).nullish(),
});
export type ListAuditEventsInput = z.infer<typeof ListAuditEventsInput>;
