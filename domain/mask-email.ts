/**
 * An address shown to someone who is not its owner (an invitation link can be forwarded): the
 * first letter of the name and of the domain, and the top-level domain, so the invitee recognises
 * it and a stranger learns little. "jeanne.dupont@asso-jardins.fr" → "j•••@a•••.fr".
 */
export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  const dot = domain.lastIndexOf(".");
  const name = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : "";
  return `${local.slice(0, 1)}•••@${name.slice(0, 1)}•••${tld}`;
}
