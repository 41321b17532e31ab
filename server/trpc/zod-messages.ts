import { z } from "zod";
import type { Locale } from "../../messages/locales";
import { translateKey } from "../i18n/translate";

const french = z.locales.fr();

/**
 * One zod issue in the user's language: our own refinements carry a message key
 * ("errors.…"); zod's built-in checks are worded by zod's locale for that language.
 */
export function translateIssue(locale: Locale, issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith("errors.")) return translateKey(locale, issue.message);
  // A number that could not be read (the forms send NaN for "5 000 €x"): say what to type, not "NaN received".
  if (issue.code === "invalid_type" && issue.expected === "number") return translateKey(locale, "errors.number.format");
  if (locale === "fr") {
    const worded = french.localeError(issue as never);
    const text = typeof worded === "string" ? worded : worded?.message;
    if (text) return text;
  }
  return issue.message;
}
