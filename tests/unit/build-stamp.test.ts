import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildIsCurrent, buildStampFile, sourcesDigest } from "../../scripts/build-stamp";

describe("npm start's rebuild decision", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), "maillage-stamp-"));
    mkdirSync(path.join(root, "app"), { recursive: true });
    mkdirSync(path.join(root, "tests"), { recursive: true });
    writeFileSync(path.join(root, "app/page.tsx"), "export default function Page() { return null; }\n");
    writeFileSync(path.join(root, "package-lock.json"), "{}\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function build() {
    mkdirSync(path.join(root, ".next"), { recursive: true });
    writeFileSync(path.join(root, ".next/BUILD_ID"), "x");
    writeFileSync(path.join(root, buildStampFile), `${sourcesDigest(root)}\n`);
  }

  it("rebuilds when there is no build, and not after one made from the same sources", () => {
    expect(buildIsCurrent(root)).toBe(false);
    build();
    expect(buildIsCurrent(root)).toBe(true);
  });

  it("rebuilds after a source, a message file or the lock file changes, or a file is added", () => {
    build();
    writeFileSync(path.join(root, "app/page.tsx"), "export default function Page() { return 1; }\n");
    expect(buildIsCurrent(root)).toBe(false);
    build();
    mkdirSync(path.join(root, "messages"));
    writeFileSync(path.join(root, "messages/fr.json"), "{}\n");
    expect(buildIsCurrent(root)).toBe(false);
    build();
    writeFileSync(path.join(root, "package-lock.json"), '{"a":1}\n');
    expect(buildIsCurrent(root)).toBe(false);
  });

  it("ignores tests and modification times that change nothing", () => {
    build();
    writeFileSync(path.join(root, "tests/a.test.ts"), "it('x', () => {});\n");
    utimesSync(path.join(root, "app/page.tsx"), new Date(2030, 0, 1), new Date(2030, 0, 1));
    expect(buildIsCurrent(root)).toBe(true);
  });

  it("rebuilds when the last build did not finish", () => {
    build();
    rmSync(path.join(root, ".next/BUILD_ID"));
    expect(buildIsCurrent(root)).toBe(false);
  });
});
