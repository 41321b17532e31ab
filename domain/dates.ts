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
