import { describe, expect, it } from "vitest";
import fr from "../../messages/fr.json";
import en from "../../messages/en.json";
import { formatterFor, translator, translatorFor } from "../../server/i18n/translate";

describe("translators kept for the process", () => {
  it("makes one translator per language and namespace", () => {
    expect(translatorFor("fr")).toBe(translatorFor("fr"));
    expect(translatorFor("fr", "evaluation")).toBe(translatorFor("fr", "evaluation"));
    expect(translatorFor("fr", "evaluation")).not.toBe(translatorFor("en", "evaluation"));
    expect(translator("en")).toBe(translatorFor("en"));
  });

  it("keeps each language's words when both are used in turn", () => {
    // The French message compiled first must not answer for the English one, nor the reverse.
    for (let round = 0; round < 3; round++) {
      expect(translatorFor("fr")("evaluation.missingAnswers", { count: 2 })).toBe(
        "2 questions n'ont pas de note ou de justification.",
      );
      expect(translatorFor("fr")("evaluation.missingAnswers", { count: 1 })).toBe(
        "Une question n'a pas de note ou de justification.",
      );
      expect(translatorFor("en")("evaluation.missingAnswers", { count: 2 })).toBe(
        "2 questions have no score or justification.",
      );
      expect(translatorFor("en")("app.save")).toBe(en.app.save);
      expect(translatorFor("fr")("app.save")).toBe(fr.app.save);
    }
  });

  it("formats values anew on every call (only the compiled message is kept)", () => {
    const t = translatorFor("fr");
    expect(t("members.invited", { email: "a@example.org" })).toContain("a@example.org");
    expect(t("members.invited", { email: "b@example.org" })).toContain("b@example.org");
    // A namespace's translator reads under it (the app's server components use them untyped).
    const members = translatorFor("fr", "members") as unknown as (key: string, values: object) => string;
    expect(members("invited", { email: "c@example.org" })).toBe(t("members.invited", { email: "c@example.org" }));
  });

  it("formats dates in Paris time and numbers in each language", () => {
    const instant = new Date("2026-06-30T22:30:00Z"); // 1 July, 00:30 in Paris
    expect(formatterFor("fr").dateTime(instant, { dateStyle: "long" })).toBe("1 juillet 2026");
    expect(formatterFor("en").dateTime(instant, { dateStyle: "long" })).toBe("July 1, 2026");
    expect(formatterFor("fr").number(1234.5)).toBe("1\u202f234,5");
    expect(formatterFor("en").number(1234.5)).toBe("1,234.5");
    expect(formatterFor("fr")).toBe(formatterFor("fr"));
  });
});
