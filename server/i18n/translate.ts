import { _createCache, _createIntlFormatters, createFormatter, createTranslator } from "next-intl";
import en from "../../messages/en.json";
import fr from "../../messages/fr.json";
import { messageOr } from "../../messages/labels";
import type { Locale } from "../../messages/locales";

export const MESSAGES = { fr, en } as const;

/** The time zone of every date the app shows (server/i18n/request.ts gives it to next-intl). */
export const TIME_ZONE = "Europe/Paris";

/*
 * Translators and formatters are kept for the life of the process, one per language (and
 * namespace), with one cache of compiled messages and Intl objects per language. A translator
 * depends only on those and the messages, which do not change while the process runs.
 * next-intl's own request functions start from an empty cache on every request: each message
 * with values was parsed again (a new IntlMessageFormat, whose locale resolution alone asks Intl
 * which locales it supports) and each date or number format built again, about 2 ms of every
 * list page (BENCHMARKS.md, sixth pass). Nothing of a request is kept here.
 */
type Shared = { cache: ReturnType<typeof _createCache>; formatters: ReturnType<typeof _createIntlFormatters> };
const shared = new Map<Locale, Shared>();

function sharedOf(locale: Locale): Shared {
  let entry = shared.get(locale);
  if (!entry) {
    const cache = _createCache();
    entry = { cache, formatters: _createIntlFormatters(cache) };
    shared.set(locale, entry);
  }
  return entry;
}

function makeTranslator(locale: Locale, namespace?: string) {
  const { cache, formatters } = sharedOf(locale);
  return createTranslator({
    locale,
    messages: MESSAGES[locale] as typeof fr,
    namespace: namespace as never,
    timeZone: TIME_ZONE,
    _cache: cache,
    _formatters: formatters,
  });
}
type Translator = ReturnType<typeof makeTranslator>;
const translators = new Map<string, Translator>();

/** The translator of a language and a namespace (the whole catalogue without one), made once. */
export function translatorFor(locale: Locale, namespace?: string): Translator {
  const key = namespace ? `${locale}:${namespace}` : locale;
  let made = translators.get(key);
  if (!made) {
    made = makeTranslator(locale, namespace);
    translators.set(key, made);
  }
  return made;
}

/** A translator for server-side text (API errors, emails), outside React. */
export function translator(locale: Locale): Translator {
  return translatorFor(locale);
}

const formatters = new Map<Locale, ReturnType<typeof createFormatter>>();

/**
 * Dates, numbers and lists formatted in a language, with the language's shared Intl objects.
 * It has no `now`: give one to `relativeTime` (the app does not use it).
 */
export function formatterFor(locale: Locale): ReturnType<typeof createFormatter> {
  let made = formatters.get(locale);
  if (!made) {
    made = createFormatter({ locale, timeZone: TIME_ZONE, _formatters: sharedOf(locale).formatters });
    formatters.set(locale, made);
  }
  return made;
}

/** Translates a message key such as "errors.slug.taken"; unknown keys come back unchanged. */
export function translateKey(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  return messageOr(translator(locale), key, key, params);
}
