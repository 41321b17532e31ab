import { createTranslator } from "next-intl";
import en from "../../messages/en.json";
import fr from "../../messages/fr.json";
import { messageOr } from "../../messages/labels";
import type { Locale } from "../../messages/locales";

export const MESSAGES = { fr, en } as const;

/** A translator for server-side text (API errors, emails), outside React. */
export function translator(locale: Locale) {
  return createTranslator({ locale, messages: MESSAGES[locale] as typeof fr });
}

/** Translates a message key such as "errors.slug.taken"; unknown keys come back unchanged. */
export function translateKey(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  return messageOr(translator(locale), key, key, params);
}
