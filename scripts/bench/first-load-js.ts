/**
 * First-load JavaScript of every page of the production build, gzipped: the framework's root
 * chunks plus every chunk the page's segments (root and nested layouts, error and not-found
 * boundaries, the page) declare in its client reference manifest. Next.js 16's Turbopack build
 * no longer prints the figure, so it is computed from `.next` the way the old build output did.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

const NEXT_DIR = ".next";

function manifests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return manifests(full);
    return entry.name === "page_client-reference-manifest.js" ? [full] : [];
  });
}

export function firstLoadJs(): Array<{ route: string; kb: number }> {
  const appDir = path.join(NEXT_DIR, "server", "app");
  if (!existsSync(appDir)) return [];
  const buildManifest = JSON.parse(readFileSync(path.join(NEXT_DIR, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const gzipped = new Map<string, number>();
  const size = (file: string) => {
    if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(path.join(NEXT_DIR, file))).length);
    return gzipped.get(file)!;
  };
  return manifests(appDir)
    .map((file) => {
      const sandbox: {
        globalThis?: unknown;
        __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }>;
      } = {};
      sandbox.globalThis = sandbox;
      runInNewContext(readFileSync(file, "utf8"), sandbox);
      const [key, manifest] = Object.entries(sandbox.__RSC_MANIFEST ?? {})[0]!;
      const files = new Set<string>([...buildManifest.rootMainFiles, ...Object.values(manifest.entryJSFiles).flat()]);
      const bytes = [...files].reduce((sum: number, f) => sum + size(f), 0);
      return { route: key.replace(/\/page$/, "") || "/", kb: Math.round((bytes / 1024) * 10) / 10 };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  for (const page of firstLoadJs()) console.log(`${page.route.padEnd(60)} ${page.kb.toFixed(1).padStart(7)} kB`);
}
