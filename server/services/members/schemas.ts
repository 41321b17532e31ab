import { z } from "zod";
import { ROLES } from "../../../domain/roles";

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "errors.email" }));
const role = z.enum(ROLES, { message: "errors.members.role" });

export const InviteMemberInput = z.object({ email, role });
export type InviteMemberInput = z.infer<typeof InviteMemberInput>;

export const ChangeMemberRoleInput = z.object({ userId: z.uuid(), role, version: z.number().int().min(1) });
export type ChangeMemberRoleInput = z.infer<typeof ChangeMemberRoleInput>;

export const RemoveMemberInput = z.object({ userId: z.uuid() });
export type RemoveMemberInput = z.infer<typeof RemoveMemberInput>;

export const RevokeInvitationInput = z.object({ invitationId: z.uuid() });
export type RevokeInvitationInput = z.infer<typeof RevokeInvitationInput>;

/** Invitation tokens are 32 random bytes, base64url: 43 characters. */
export const InvitationTokenInput = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: "errors.invitation.invalid" }),
});
export type InvitationTokenInput = z.infer<typeof InvitationTokenInput>;
