import { describe, expect, it } from "vitest";
import { parseDecimal } from "../../domain/numbers";

describe("numbers as French users type them", () => {
  it("reads spaces, no-break spaces, commas and dots the way a person means them", () => {
    expect(parseDecimal("5 000")).toBe(5000);
    expect(parseDecimal("5\u00A0000,50")).toBe(5000.5);
    expect(parseDecimal("5\u202F000,50")).toBe(5000.5);
    expect(parseDecimal("5000.5")).toBe(5000.5);
    expect(parseDecimal("1.250,5")).toBe(1250.5);
    expect(parseDecimal("1,250.5")).toBe(1250.5);
    expect(parseDecimal("5.000.000")).toBe(5_000_000);
    expect(parseDecimal(" 12 ")).toBe(12);
    expect(parseDecimal("-3,5")).toBe(-3.5);
    expect(parseDecimal("12 000 €")).toBe(12000);
  });

  it("refuses what is not a number", () => {
    for (const text of ["", "  ", "abc", "5 000 €x", "1,2,3", "5.00.0", "1e5", "NaN", "--1"])
      expect(parseDecimal(text), text).toBeNull();
  });
});

describe("the message for a number that could not be read", () => {
  it("says what to type, in French and English, instead of zod's 'NaN received'", async () => {
    const { z } = await import("zod");
    const { translateIssue } = await import("../../server/trpc/zod-messages");
    for (const input of [Number.NaN, undefined, "5 000 €x"]) {
      const issue = z.object({ quantity: z.number() }).safeParse({ quantity: input }).error!.issues[0]!;
      expect(translateIssue("fr", issue)).toBe("Saisissez un nombre, par exemple 5 000 ou 1 250,50.");
      expect(translateIssue("en", issue)).toBe("Enter a number, for example 5,000 or 1,250.50.");
    }
  });
});
