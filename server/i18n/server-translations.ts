/**
 * Server components' `getTranslations` and `getFormatter`, in place of next-intl's: the
 * request's language (next-intl's `getLocale`, from server/i18n/request.ts), and the translator
 * and formatter of that language kept for the life of the process (server/i18n/translate.ts),
 * instead of new ones with empty caches on every request.
 */
import { cache } from "react";
import { getLocale, type getTranslations as nextIntlTranslations } from "next-intl/server";
import { toLocale } from "../../messages/locales";
import { formatterFor, translatorFor } from "./translate";

/** next-intl's type: the app declares no message types, so keys are strings. */
type Translator = Awaited<ReturnType<typeof nextIntlTranslations>>;

/** The request's translator, for the whole catalogue or one namespace. */
export const getTranslations = cache(
  async (namespace?: string): Promise<Translator> =>
    translatorFor(toLocale(await getLocale()), namespace) as unknown as Translator,
);

/** The request's formatter of dates, numbers and lists. */
export const getFormatter = cache(async () => formatterFor(toLocale(await getLocale())));
