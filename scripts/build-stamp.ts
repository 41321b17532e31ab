import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * What `npm start` needs to know to skip `next build`: a digest of every file the production
 * build is made from, compared with the one written next to the last successful build.
 * Contents are hashed, not modification times, so a checkout that touches every file without
 * changing it does not force a rebuild, and an edit that keeps the time does.
 */

/** Folders and files the bundle is built from; tests, scripts and data are not among them. */
const SOURCES = [
  "app",
  "components",
  "server",
  "db",
  "domain",
  "messages",
  "public",
  "env.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "patches",
];

const STAMP = ".next/maillage-sources.sha256";

function collect(root: string, entry: string, into: string[]) {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const child of readdirSync(full).sort()) collect(root, path.join(entry, child), into);
  } else {
    into.push(entry);
  }
}

/** The digest of the build's sources under `root`. */
export function sourcesDigest(root = process.cwd()): string {
  const files: string[] = [];
  for (const entry of SOURCES) collect(root, entry, files);
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(file.split(path.sep).join("/"));
    hash.update("\0");
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** True when a finished build exists and was made from exactly these sources. */
export function buildIsCurrent(root = process.cwd(), digest = sourcesDigest(root)): boolean {
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) return false;
  try {
    return readFileSync(path.join(root, STAMP), "utf8").trim() === digest;
  } catch {
    return false;
  }
}

export const buildStampFile = STAMP;
