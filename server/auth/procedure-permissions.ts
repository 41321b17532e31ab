import type { Permission } from "../../domain/roles";

/**
 * Every procedure of the root router and what it requires: "public", "authed" (any signed-in
 * user, acting on their own data), or a workspace permission. workspaceProcedure reads its
 * permission from here, and the authorization-matrix test fails for any procedure not listed.
 */
export const PROCEDURE_PERMISSIONS: Record<string, Permission | "public" | "authed"> = {
  "workspaces.listMine": "authed",
  "workspaces.create": "authed",
  "workspaces.get": "workspace.read",
  "workspaces.update": "workspace.update",
  "members.list": "members.read",
  "members.invite": "members.invite",
  "members.changeRole": "members.manage",
  "members.remove": "members.manage",
  "members.leave": "members.leave",
  "invitations.list": "members.invite",
  "invitations.revoke": "members.invite",
  "invitations.preview": "authed",
  "invitations.accept": "authed",
  "audit.list": "audit.read",
  "alliances.list": "alliances.read",
  "alliances.get": "alliances.read",
  "alliances.history": "alliances.read",
  "alliances.create": "alliances.write",
  "alliances.update": "alliances.write",
  "alliances.archive": "alliances.write",
  "alliances.restore": "alliances.write",
  "alliances.delete": "alliances.delete",
  "alliances.addContribution": "alliances.write",
  "alliances.deleteContribution": "alliances.write",
  "alliances.addTimelineEntry": "alliances.write",
  "alliances.inviteCoOwner": "alliances.write",
  "alliances.withdrawCoOwnerInvitation": "alliances.write",
  "alliances.incomingInvitations": "alliances.read",
  "alliances.respondToCoOwnership": "alliances.share",
  "alliances.leave": "alliances.share",
  "organisations.suggest": "organisations.read",
  "organisations.list": "organisations.read",
  "organisations.get": "organisations.read",
  "organisations.saveNotes": "organisations.write",
  "organisations.addContact": "organisations.write",
  "organisations.deleteContact": "organisations.write",
  "territory.searchCommunes": "authed",
  "savedViews.list": "alliances.read",
  "savedViews.save": "alliances.read",
  "savedViews.delete": "alliances.read",
};
