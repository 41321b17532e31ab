import { describe, expect, it } from "vitest";
import { translator } from "../../server/i18n/translate";
import { labelOf } from "../../messages/labels";

describe("labels read from a list of the catalogue", () => {
  it("give the label of a key built at run time, in each language", () => {
    expect(labelOf(translator("fr"), "alliance.modes", "mecenat")).toBe("Mécénat");
    expect(labelOf(translator("en"), "sdg.goals", 17)).toBe(translator("en")("sdg.goals.17"));
  });
  it("show a key the catalogue does not have as itself", () => {
    expect(labelOf(translator("fr"), "alliance.partnerRoles", "parrain_local")).toBe("parrain_local");
  });
});
