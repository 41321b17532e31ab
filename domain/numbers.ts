/**
 * A number as French spreadsheets write it: "1 234,56", "1.234,56", "1234.5", "12 000 €",
 * "-3,5". Spaces (including no-break spaces) group thousands; with both "." and "," the last
 * one is the decimal mark. Null when it is not a number.
 */
export function parseDecimal(value: string): number | null {
  let text = value
    .trim()
    .replace(/[\s\u00a0\u202f]/g, "")
    .replace(/(€|eur|euros?)$/i, "");
  if (!text) return null;
  const comma = text.lastIndexOf(",");
  const dot = text.lastIndexOf(".");
  if (comma >= 0 && dot >= 0) {
    text = comma > dot ? text.replace(/\./g, "").replace(",", ".") : text.replace(/,/g, "");
  } else if (comma >= 0) {
    // "1,234,567" groups thousands; "3,5" is a decimal comma.
    text = /^-?\d{1,3}(,\d{3}){2,}$/.test(text) ? text.replace(/,/g, "") : text.replace(",", ".");
  } else if (/^-?\d{1,3}(\.\d{3}){2,}$/.test(text)) {
    text = text.replace(/\./g, "");
  }
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}
