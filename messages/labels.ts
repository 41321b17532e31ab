/**
 * Any translator (next-intl's useTranslations, getTranslations or createTranslator): typed by
 * its message keys, it accepts this shape, so one helper serves them all.
 */
type Translator = { (key: never, values?: never): string; has(key: never): boolean };

/*
 * The one place where a message key built at run time meets the typed catalogue: every other
 * module passes such keys through these helpers instead of casting them.
 */

/**
 * The message at `key`, with its values, or `fallback` when the catalogue has no such key (a
 * custom list entry, a value from an older version, a field without a label).
 */
export function messageOr<F extends string | null>(
  t: Translator,
  key: string,
  fallback: F,
  values?: Record<string, string | number | Date>,
): string | F {
  const typed = key as never;
  return t.has(typed) ? t(typed, values as never) : fallback;
}

/**
 * The label of `key` in a list of the catalogue (`labelOf(t, "alliance.modes", mode)` reads
 * alliance.modes.<mode>). A key the catalogue does not have shows as itself.
 */
export function labelOf(t: Translator, prefix: string, key: string | number): string {
  return messageOr(t, `${prefix}.${key}`, String(key));
}

/** Whether the catalogue has a label for `key` in a list. */
export function hasLabel(t: Translator, prefix: string, key: string | number): boolean {
  return t.has(`${prefix}.${key}` as never);
}
