import { AppError } from "../errors";

/**
 * Characters no text field of the product may hold: C0 controls other than tab, line feed and
 * carriage return, DEL, C1 controls, and lone UTF-16 surrogates. PostgreSQL refuses U+0000 in
 * text (a 500 before this guard) and the rest are invisible or break exports.
 */
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const MAX_DEPTH = 32;

/** The path of the first string (or object key) in `value` holding a forbidden character, or null. */
export function forbiddenTextPath(value: unknown, path: string[] = [], depth = 0): string[] | null {
  if (typeof value === "string") return FORBIDDEN.test(value) ? path : null;
  if (value === null || typeof value !== "object") return null;
  if (depth >= MAX_DEPTH) return path;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, child] of entries) {
    if (FORBIDDEN.test(key)) return [...path, key];
    const found = forbiddenTextPath(child, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses an input holding a forbidden character (or nested deeper than 32 levels) before any
 * procedure reads it, naming the field.
 */
export function guardInput(input: unknown): void {
  const path = forbiddenTextPath(input);
  if (path) throw new AppError("BAD_REQUEST", "errors.input.controlCharacter", { field: path.join(".") || "_" });
}
