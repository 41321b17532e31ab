import { z } from "zod";

export const DeleteAccountInput = z.object({ confirmEmail: z.string().trim().max(320) });

export const DeleteWorkspaceInput = z.object({ confirmName: z.string().trim().max(200) });
