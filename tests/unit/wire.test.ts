import { describe, expect, it } from "vitest";
import { wire } from "../../domain/wire";

/** Serialized, sent as JSON text, parsed and deserialized: what the other end reads. */
const roundTrip = (value: unknown) => wire.deserialize(JSON.parse(JSON.stringify(wire.serialize(value))));

describe("wire format of tRPC messages", () => {
  it("keeps dates as dates, at any depth", () => {
    const value = {
      updatedAt: new Date("2026-11-26T10:00:00.000Z"),
      items: [{ closedAt: new Date("2025-01-31T23:59:59.999Z"), n: 3 }],
    };
    const back = roundTrip(value) as typeof value;
    expect(back.updatedAt).toBeInstanceOf(Date);
    expect(back.updatedAt.toISOString()).toBe("2026-11-26T10:00:00.000Z");
    expect(back.items[0]!.closedAt.toISOString()).toBe("2025-01-31T23:59:59.999Z");
    expect(back).toEqual(value);
  });

  it("keeps an invalid date invalid instead of failing", () => {
    const back = roundTrip({ at: new Date("not a date") }) as { at: Date };
    expect(back.at).toBeInstanceOf(Date);
    expect(Number.isNaN(back.at.getTime())).toBe(true);
  });

  it("carries what JSON cannot: undefined in arrays, non-finite numbers, bigints, maps and sets", () => {
    const value = {
      list: [1, undefined, 3],
      nan: Number.NaN,
      up: Infinity,
      down: -Infinity,
      big: 12345678901234567890n,
      map: new Map([["a", new Date(0)]]),
      set: new Set([1, 2]),
    };
    const back = roundTrip(value) as typeof value;
    expect(back.list).toEqual([1, undefined, 3]);
    expect(back.list).toHaveLength(3);
    expect(Number.isNaN(back.nan)).toBe(true);
    expect([back.up, back.down]).toEqual([Infinity, -Infinity]);
    expect(back.big).toBe(12345678901234567890n);
    expect(back.map.get("a")).toEqual(new Date(0));
    expect([...back.set]).toEqual([1, 2]);
  });

  it("gives back text that starts with the marker character exactly as it was", () => {
    const value = {
      a: "\u0000D2026-01-01T00:00:00.000Z",
      b: "\u0000",
      c: "\u0000\u0000x",
      d: ["\u0000M", "x"],
      e: "plain",
    };
    expect(roundTrip(value)).toEqual(value);
  });

  it("leaves out object keys whose value is undefined, as JSON does, and keeps null", () => {
    expect(roundTrip({ a: undefined, b: null, c: false, d: 0, e: "" })).toEqual({ b: null, c: false, d: 0, e: "" });
    expect(Object.keys(roundTrip({ a: undefined, b: 1 }) as object)).toEqual(["b"]);
    expect(roundTrip(undefined)).toBeUndefined();
    expect(roundTrip(null)).toBeNull();
  });

  it("does not change the value it serializes", () => {
    const value = { at: new Date(0), text: "\u0000x", list: [undefined] };
    wire.serialize(value);
    expect(value.at).toBeInstanceOf(Date);
    expect(value.text).toBe("\u0000x");
    expect(value.list).toEqual([undefined]);
  });

  it("sends plain data as it is, and copies only the branches that hold a date", () => {
    const plain = { cells: [{ key: "69123", alliances: 4 }], name: "Rhône" };
    expect(wire.serialize(plain)).toBe(plain);
    const mixed = { cells: plain.cells, at: new Date(0), later: [1, 2] };
    const sent = wire.serialize(mixed) as Record<string, unknown>;
    expect(sent).not.toBe(mixed);
    expect(sent.cells).toBe(plain.cells);
    expect(sent.later).toBe(mixed.later);
    expect(sent.at).toBe("\u0000D1970-01-01T00:00:00.000Z");
  });

  it("refuses a class instance it would otherwise send as a bare object, naming where it is", () => {
    class Money {
      cents = 5;
    }
    expect(() => wire.serialize({ totals: { budget: new Money() } })).toThrow(/Money .*totals\.budget/);
    expect(() => wire.serialize({ file: Buffer.from("x") })).toThrow(TypeError);
  });

  it("treats a __proto__ key from JSON as an ordinary key, without touching any prototype", () => {
    const parsed = JSON.parse(
      '{"__proto__": "\\u0000D2026-01-01T00:00:00.000Z", "x": {"__proto__": {"polluted": true}}}',
    ) as Record<string, unknown>;
    const back = wire.deserialize(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back, "__proto__")?.value).toEqual(new Date("2026-01-01T00:00:00.000Z"));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("sends an own __proto__ key (say, a tag named so) as a key, beside a date", () => {
    const value = JSON.parse('{"__proto__": 3, "x": 1}') as Record<string, unknown>;
    value.at = new Date(0);
    const back = roundTrip(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(back, "__proto__")?.value).toBe(3);
    expect(back.at).toEqual(new Date(0));
  });

  it("rejects a marked string it does not know, rather than guessing", () => {
    expect(() => wire.deserialize({ a: "\u0000Zwhat" })).toThrow(TypeError);
  });
});
