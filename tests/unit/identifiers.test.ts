import { describe, expect, it } from "vitest";
import { compactIdentifier, isValidRna, isValidSiren, isValidSiret, luhnValid } from "../../domain/identifiers";

describe("SIREN", () => {
  it("accepts numbers whose Luhn key is right, with or without spaces", () => {
    expect(isValidSiren("732829320")).toBe(true);
    expect(isValidSiren("732 829 320")).toBe(true);
    expect(isValidSiren("356000000")).toBe(true);
  });
  it("refuses a wrong key, a wrong length or letters", () => {
    expect(isValidSiren("732829321")).toBe(false);
    expect(isValidSiren("73282932")).toBe(false);
    expect(isValidSiren("7328293200")).toBe(false);
    expect(isValidSiren("73282932A")).toBe(false);
  });
});

describe("SIRET", () => {
  it("checks the Luhn key on all 14 digits", () => {
    expect(isValidSiret("73282932000074")).toBe(true);
    expect(isValidSiret("73282932000075")).toBe(false);
  });
  it("applies La Poste's digit-sum rule to its establishments, and Luhn to its head office", () => {
    expect(isValidSiret("35600000000048")).toBe(true);
    expect(isValidSiret("35600000049800")).toBe(true);
    expect(isValidSiret("35600000049801")).toBe(false);
    expect(luhnValid("35600000049800")).toBe(false);
  });
});

describe("RNA", () => {
  it("is W followed by nine digits", () => {
    expect(isValidRna("W751234567")).toBe(true);
    expect(isValidRna("w751234567")).toBe(true);
    expect(isValidRna("W75123456")).toBe(false);
    expect(isValidRna("751234567")).toBe(false);
    expect(isValidRna("W75123456X")).toBe(false);
  });
  it("normalises what people type", () => {
    expect(compactIdentifier(" w 751.234-567 ")).toBe("W751234567");
  });
});
