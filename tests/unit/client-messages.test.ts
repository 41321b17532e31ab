import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import fr from "../../messages/fr.json";
import { mergeMessages } from "../../messages/merge";
import { analyseClientKeys, CLIENT_KEYS_FILE, SCOPES } from "../../scripts/client-messages";
import { clientMessages, pickMessages, scopedMessages } from "../../server/i18n/client-messages";

describe("the messages sent to the browser", () => {
  it("are listed from the current source (run `npm run messages:client` after changing a client component)", () => {
    expect(JSON.parse(readFileSync(CLIENT_KEYS_FILE, "utf8"))).toEqual(analyseClientKeys());
  });
  it("carry what client components ask for, and much less than the catalogue", () => {
    const fr_ = clientMessages("fr") as {
      errors: Record<string, unknown>;
      alliances: { sections?: unknown; detail?: Record<string, unknown> };
      home?: unknown;
      audit?: unknown;
      sdg?: unknown;
    };
    // The mutations' network failure is said in the browser; the server's refusals come translated.
    expect(fr_.errors.network).toBe(fr.errors.network);
    expect(fr_.alliances.sections).toBeUndefined();
    expect(fr_.home).toBeUndefined();
    // The SDG picker's targets and the alliance form's validation messages come with the form's pages only.
    expect(fr_.sdg).toBeUndefined();
    expect(fr_.errors.alliance).toBeUndefined();
    expect(JSON.stringify(fr_).length).toBeLessThan(JSON.stringify(fr).length * 0.25);
  });
  it("give the pages of the alliance form what it validates with, on top of every page's", () => {
    for (const scope of ["allianceNew", "allianceEdit"]) {
      const merged = mergeMessages(clientMessages("fr"), scopedMessages("fr", scope)) as typeof fr;
      expect(merged.errors).toEqual(fr.errors);
      expect(merged.sdg).toEqual(fr.sdg);
    }
    // The alliance page's dialog forms (contribution-form.tsx) have their messages, not the page's own sections.
    const page = mergeMessages(clientMessages("fr"), scopedMessages("fr", "alliance")) as {
      alliances: { sections?: unknown; detail: Record<string, unknown> };
    };
    expect(page.alliances.detail.contributionSaved).toBe(fr.alliances.detail.contributionSaved);
    expect(page.alliances.sections).toBeUndefined();
  });
  it("are sent by each scoped page around all it renders", () => {
    for (const [scope, file] of Object.entries(SCOPES)) {
      const text = readFileSync(file, "utf8");
      const defaultExport = text.slice(text.indexOf("export default"));
      expect(defaultExport.match(/^  return \(/gm), file).toHaveLength(1);
      expect(defaultExport, file).toMatch(new RegExp(`^  return \\(\\n    <ScopedMessages scope="${scope}">`, "m"));
    }
  });
  it("merge namespace by namespace", () => {
    expect(mergeMessages({ a: { b: "x" }, c: "y" }, { a: { d: "z" } })).toEqual({ a: { b: "x", d: "z" }, c: "y" });
  });
  it("keep the catalogue's structure", () => {
    expect(pickMessages({ a: { b: { c: "x", d: "y" }, e: "z" }, f: "w" }, ["a.b.c", "f"])).toEqual({
      a: { b: { c: "x" } },
      f: "w",
    });
    expect(pickMessages({ a: { b: "x" } }, ["a.missing"])).toEqual({});
  });
});
