/**
 * Any translator (next-intl's useTranslations, getTranslations or createTranslator): typed by
 * its message keys, it accepts this shape, so one helper serves them all.
 */
type Translator = { (key: never): string; has(key: never): boolean };

/**
 * The label of `key` in a list of the catalogue (`labelOf(t, "alliance.modes", mode)` reads
 * alliance.modes.<mode>): the one place where a key built at run time meets the typed
 * catalogue. A key the catalogue does not have shows as itself (a custom list entry, a value
 * from an older version).
 */
export function labelOf(t: Translator, prefix: string, key: string | number): string {
  const full = `${prefix}.${key}` as never;
  return t.has(full) ? t(full) : String(key);
}
