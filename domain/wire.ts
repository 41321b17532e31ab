/**
 * The format of tRPC inputs and answers between the browser and the server: JSON, with the
 * values JSON cannot carry written as strings that start with U+0000, a character PostgreSQL
 * text cannot hold (a string that does start with it, typed into an input, is escaped by
 * doubling it):
 *
 * - `\0D2026-11-26T10:00:00.000Z` a Date (`\0D` alone: an invalid Date),
 * - `\0U` undefined inside an array (object keys whose value is undefined are left out),
 * - `\0NNaN`, `\0NInfinity`, `\0N-Infinity` the numbers JSON has no literal for,
 * - `\0B123` a bigint,
 * - an array whose first element is `\0M` a Map (the rest are [key, value] pairs), `\0S` a Set.
 *
 * Anything else that is not plain data (a class instance, a Buffer) is refused with a TypeError
 * rather than sent in a shape the other side would misread.
 *
 * Why not superjson, which the app used before: it walks the answer keeping a path and an
 * identity map for every value, and on the national benchmark that cost 1.6 ms of CPU for a
 * 52 kB territorial dashboard and 2.1 ms for the 89 kB SDG report, against 0.26 and 0.31 ms
 * here (devalue, also accepted by tRPC, took 0.87 and 0.97 ms and wrote 38 % more bytes).
 * BENCHMARKS.md has the measurement.
 */
const MARK = "\u0000";
const DATE = "D";
const UNDEFINED = "U";
const NUMBER = "N";
const BIGINT = "B";
const MAP = `${MARK}M`;
const SET = `${MARK}S`;

/** Raised for a value the format refuses; `path` is filled in as the error climbs out of the value. */
class Unsendable extends TypeError {
  constructor(
    readonly what: string,
    readonly path: string[] = [],
  ) {
    super(what);
  }
}

/** Sets an own key, even "__proto__" (a key that plain assignment would turn into a prototype change). */
function put(record: Record<string, unknown>, key: string, value: unknown) {
  if (key === "__proto__")
    Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
}

function encode(value: unknown): unknown {
  switch (typeof value) {
    case "string":
      return value.charCodeAt(0) === 0 ? MARK + value : value;
    case "number":
      return Number.isFinite(value) ? value : `${MARK}${NUMBER}${value}`;
    case "bigint":
      return `${MARK}${BIGINT}${value}`;
    case "undefined":
      return `${MARK}${UNDEFINED}`;
    case "object":
      break;
    default:
      // Booleans pass; functions and symbols are dropped by JSON as they always were.
      return value;
  }
  if (value === null) return null;
  // Arrays and plain objects are copied only from the first item that has to change: the
  // answers are mostly numbers and text, and a copy of each would only feed the collector.
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const encoded = encode(item);
      if (out) out[i] = encoded;
      else if (encoded !== item) {
        out = value.slice(0, i);
        out[i] = encoded;
      }
    }
    return out ?? value;
  }
  if (value instanceof Date) return `${MARK}${DATE}${Number.isNaN(value.getTime()) ? "" : value.toISOString()}`;
  if (value instanceof Map) return [MAP, ...[...value].map(([k, v]) => [encode(k), encode(v)])];
  if (value instanceof Set) return [SET, ...[...value].map(encode)];
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null)
    throw new Unsendable(String(value.constructor?.name ?? "This object"));
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let out: Record<string, unknown> | null = null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const item = record[key];
    // An undefined value is left out, as JSON.stringify would.
    let encoded: unknown = item;
    try {
      if (item !== undefined) encoded = encode(item);
    } catch (error) {
      if (error instanceof Unsendable) error.path.unshift(key);
      throw error;
    }
    if (out) {
      if (encoded !== undefined) put(out, key, encoded);
    } else if (encoded !== item) {
      out = {};
      for (let j = 0; j < i; j++) put(out, keys[j]!, record[keys[j]!]);
      put(out, key, encoded);
    }
  }
  return out ?? record;
}

function decodeString(value: string): unknown {
  const rest = value.slice(2);
  switch (value[1]) {
    case MARK:
      return value.slice(1);
    case DATE:
      return new Date(rest === "" ? Number.NaN : rest);
    case UNDEFINED:
      return undefined;
    case NUMBER:
      return Number(rest);
    case BIGINT:
      return BigInt(rest);
    default:
      throw new TypeError("Unknown marked value in a tRPC message.");
  }
}

/** Decodes in place: the value is the fresh result of JSON.parse and belongs to the caller. */
function decode(value: unknown): unknown {
  if (typeof value === "string") return value.charCodeAt(0) === 0 ? decodeString(value) : value;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const head: unknown = value[0];
    if (head === MAP)
      return new Map(value.slice(1).map((pair) => [decode((pair as unknown[])[0]), decode((pair as unknown[])[1])]));
    if (head === SET) return new Set(value.slice(1).map(decode));
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const decoded = decode(item);
      if (decoded !== item) value[i] = decoded;
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const decoded = decode(item);
    // Only marked strings change; an own key (even "__proto__", as JSON.parse makes it) is set as such.
    if (decoded !== item) put(record, key, decoded);
  }
  return record;
}

/** The tRPC data transformer of both ends (server/trpc/init.ts, components/providers/trpc.tsx). */
export const wire = {
  serialize: (value: unknown): unknown => {
    try {
      return encode(value);
    } catch (error) {
      if (!(error instanceof Unsendable)) throw error;
      throw new TypeError(
        `${error.what} cannot be sent between the browser and the server (at ${error.path.join(".") || "the top"}).`,
      );
    }
  },
  deserialize: (value: unknown): unknown => decode(value),
};
