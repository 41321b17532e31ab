import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appRouter } from "../../server/trpc/root";

const DIR = path.resolve("server/trpc/routers");
const camel = (file: string) => file.replace(/\.ts$/, "").replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

describe("the routers' layout", () => {
  it("is one router per file, the file named after its key in the root router", () => {
    const files = readdirSync(DIR)
      .filter((f) => f.endsWith(".ts"))
      .sort();
    for (const file of files) {
      const routers = [...readFileSync(path.join(DIR, file), "utf8").matchAll(/export const (\w+)Router = /g)].map(
        (m) => m[1],
      );
      expect(routers, file).toEqual([camel(file)]);
    }
    const keys = Object.keys(
      (appRouter as unknown as { _def: { record: Record<string, unknown> } })._def.record,
    ).sort();
    expect(keys).toEqual(files.map(camel).sort());
  });
});
