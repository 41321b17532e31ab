/** Member roles, from most to least powerful. Labels live in messages (roles.<key>). */
export const ROLES = ["owner", "admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/**
 * What each role may do inside a workspace. The keys are the permission literals that
 * workspace procedures declare; the authorization-matrix test walks this table.
 */
export const PERMISSIONS = {
  "workspace.read": ["owner", "admin", "editor", "viewer"],
  "workspace.update": ["owner", "admin"],
  "workspace.delete": ["owner"],
  "members.read": ["owner", "admin", "editor", "viewer"],
  "members.invite": ["owner", "admin"],
  "members.manage": ["owner", "admin"],
  "members.leave": ["owner", "admin", "editor", "viewer"],
  "audit.read": ["owner", "admin"],
  "alliances.read": ["owner", "admin", "editor", "viewer"],
  "alliances.write": ["owner", "admin", "editor"],
  "alliances.delete": ["owner", "admin"],
  "alliances.share": ["owner", "admin"],
  "organisations.read": ["owner", "admin", "editor", "viewer"],
  "organisations.write": ["owner", "admin", "editor"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Only an owner may hand out or take away the owner role. */
export function canAssignRole(actorRole: Role, fromRole: Role | null, toRole: Role): boolean {
  if (actorRole === "owner") return true;
  if (actorRole !== "admin") return false;
  return toRole !== "owner" && fromRole !== "owner";
}
