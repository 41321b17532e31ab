/** Who may see an alliance beyond its parties, and when every party's consent makes it hold. */
export const AUDIENCES = ["parties", "territory", "public"] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Does one party's consent cover the requested audience (public approvals name a revision)? */
export function consentCovers(requested: Audience, revision: number, consent: { audience: Audience | null; revision: number | null }) {
  if (requested === "parties") return true;
  if (requested === "territory") return consent.audience === "territory" || consent.audience === "public";
  return consent.audience === "public" && consent.revision === revision;
}

/**
 * The audience that actually holds: the requested one when every accepted party with a
 * workspace consents to it, otherwise "parties". Pure, so the rule is unit-tested.
 */
export function effectiveAudience(requested: Audience, revision: number, coOwners: Array<{ audience: Audience | null; revision: number | null }>): Audience {
  if (requested === "parties" || coOwners.length === 0) return "parties";
  return coOwners.every((c) => consentCovers(requested, revision, c)) ? requested : "parties";
}
