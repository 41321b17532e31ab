import { z } from "zod";
import { CreateAllianceInput } from "@/server/services/alliances/schemas";

/**
 * The alliance form's checks: the API's own schema, run in the browser. Loaded after the form
 * is on screen (zod weighs about 70 kB gzipped), so the page's first load stays light.
 */
export function allianceIssues(input: unknown, locale: string): Array<{ path: string; message: string }> {
  z.config(locale === "fr" ? z.locales.fr() : z.locales.en());
  const result = CreateAllianceInput.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}
