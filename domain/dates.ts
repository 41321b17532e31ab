/**
 * A calendar date written YYYY-MM-DD that exists (no 13th month, no 30 February) and falls between
 * 1900 and 2200: the regex alone let "2024-13-45" through to PostgreSQL, which answered with an
 * error the caller saw as a 500.
 */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  if (year < 1900 || year > 2200) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** The time zone dates are shown in, whatever the server's or the browser's own. */
export const DISPLAY_TIME_ZONE = "Europe/Paris";

/**
 * Formatters by locale and options. Building an Intl.DateTimeFormat costs tens of microseconds,
 * formatting with one a few: a list page writes 50 dates, and building one per date was 3 ms of
 * its render (a CPU profile of the production build). A few options are ever used, so the map
 * stays small.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone: DISPLAY_TIME_ZONE, ...options });
    if (formats.size < 200) formats.set(key, format);
  }
  return format;
}

/**
 * A date (and time) written for people: Intl's formats, with the French ordinal of the first day
 * of a month ("1er novembre 2026", "1er nov. 2026") that Intl does not write. Numeric styles
 * ("01/11/2026") are left as they are.
 */
export function formatDate(
  value: Date | string | number,
  locale: string,
  options: Intl.DateTimeFormatOptions = { dateStyle: "medium" },
): string {
  const date = value instanceof Date ? value : new Date(value);
  const parts = dateFormat(locale, options).formatToParts(date);
  const wordMonth =
    options.dateStyle === "medium" ||
    options.dateStyle === "long" ||
    options.dateStyle === "full" ||
    (options.month !== undefined && options.month !== "numeric" && options.month !== "2-digit");
  if (!locale.startsWith("fr") || !wordMonth) return parts.map((p) => p.value).join("");
  return parts.map((p) => (p.type === "day" && Number(p.value) === 1 ? "1er" : p.value)).join("");
}
