/** Kinds of organisation a workspace can belong to. Labels live in messages (workspaceKinds.<key>). */
export const WORKSPACE_KINDS = [
  "association",
  "entreprise",
  "collectivite",
  "fondation",
  "etablissement_public",
  "autre",
] as const;
export type WorkspaceKind = (typeof WORKSPACE_KINDS)[number];

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MIN = 3;
export const SLUG_MAX = 48;

/** Words a slug cannot take because they name routes or would confuse people. */
export const RESERVED_SLUGS = new Set(["new", "api", "admin", "settings", "w", "app", "auth", "signin", "signout"]);

/** Suggests a URL slug from an organisation name: lower case ASCII words joined by hyphens. */
export function slugify(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
}

export function isValidSlug(slug: string): boolean {
  return slug.length >= SLUG_MIN && slug.length <= SLUG_MAX && SLUG_PATTERN.test(slug) && !RESERVED_SLUGS.has(slug);
}
