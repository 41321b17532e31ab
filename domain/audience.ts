/** Who may see an alliance beyond its parties, and when every party's consent makes it hold. */
export const AUDIENCES = ["parties", "territory", "public"] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * Does one party's consent cover the requested audience? A consent is given for one audience
 * and one revision of the request: an earlier *public* approval does not carry over when the
 * request moves to *territoire* (or back), since every request starts a new revision, and an
 * edit of the public fields asks again for either audience. Migration 0043 holds the same rule
 * in SQL.
 */
export function consentCovers(
  requested: Audience,
  revision: number,
  consent: { audience: Audience | null; revision: number | null },
) {
  if (requested === "parties") return true;
  return consent.audience === requested && consent.revision === revision;
}

/**
 * The audience that actually holds: the requested one when every accepted party with a
 * workspace consents to it, otherwise "parties". Pure, so the rule is unit-tested.
 */
export function effectiveAudience(
  requested: Audience,
  revision: number,
  coOwners: Array<{ audience: Audience | null; revision: number | null }>,
): Audience {
  if (requested === "parties" || coOwners.length === 0) return "parties";
  return coOwners.every((c) => consentCovers(requested, revision, c)) ? requested : "parties";
}
