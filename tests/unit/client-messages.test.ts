import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fr from "../../messages/fr.json";
import { analyseClientKeys, CLIENT_KEYS_FILE } from "../../scripts/client-messages";
import { clientMessages, pickMessages } from "../../server/i18n/client-messages";

describe("the messages sent to the browser", () => {
  it("are listed from the current source (run `npm run messages:client` after changing a client component)", () => {
    expect(JSON.parse(readFileSync(CLIENT_KEYS_FILE, "utf8"))).toEqual(analyseClientKeys());
  });
  it("carry what client components ask for, and much less than the catalogue", () => {
    const fr_ = clientMessages("fr") as {
      errors: unknown;
      alliances: { sections?: unknown; detail: Record<string, unknown> };
      home?: unknown;
      audit?: unknown;
    };
    expect(fr_.errors).toEqual(fr.errors);
    // The dialog form's success message (contribution-form.tsx), but not the server-rendered page's sections.
    expect(fr_.alliances.detail.contributionSaved).toBe(fr.alliances.detail.contributionSaved);
    expect(fr_.alliances.sections).toBeUndefined();
    expect(fr_.home).toBeUndefined();
    expect(JSON.stringify(fr_).length).toBeLessThan(JSON.stringify(fr).length * 0.65);
  });
  it("keep the catalogue's structure", () => {
    expect(pickMessages({ a: { b: { c: "x", d: "y" }, e: "z" }, f: "w" }, ["a.b.c", "f"])).toEqual({
      a: { b: { c: "x" } },
      f: "w",
    });
    expect(pickMessages({ a: { b: "x" } }, ["a.missing"])).toEqual({});
  });
});
