import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDirOwner, openDatabase } from "./client";

/**
 * Backups of the embedded (PGlite) database. PGlite has one process per data directory: when
 * the app holds it, the app itself takes the copy. The backup command writes the target path to
 * `<dataDir>.backup-request` and sends the app SIGUSR2; the app (scripts/serve.ts) writes the
 * copy there, then removes the request, or writes what failed to `<dataDir>.backup-error`.
 */
export const backupRequestFile = (dataDir: string) => `${path.resolve(dataDir)}.backup-request`;
export const backupErrorFile = (dataDir: string) => `${path.resolve(dataDir)}.backup-error`;

export interface BackupResult {
  file: string;
  bytes: number;
  /** "app": taken by the running app; "direct": the database was free and opened here. */
  by: "app" | "direct";
}

/** Takes a consistent copy of the embedded database at `dataDir` into `file`, app running or not. */
export async function backupEmbedded(dataDir: string, file: string, timeoutMs = 120_000): Promise<BackupResult> {
  const target = path.resolve(file);
  mkdirSync(path.dirname(target), { recursive: true });
  const owner = dataDirOwner(dataDir);
  if (owner === null) {
    const database = await openDatabase({ dataDir });
    try {
      return { file: target, bytes: await database.backup!(target), by: "direct" };
    } finally {
      await database.close();
    }
  }
  rmSync(backupErrorFile(dataDir), { force: true });
  rmSync(target, { force: true });
  writeFileSync(backupRequestFile(dataDir), target);
  process.kill(owner, "SIGUSR2");
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(backupErrorFile(dataDir)))
      throw new Error(`The app could not take the backup: ${readFileSync(backupErrorFile(dataDir), "utf8")}`);
    if (!existsSync(backupRequestFile(dataDir)) && existsSync(target))
      return { file: target, bytes: readFileSync(target).length, by: "app" };
    await new Promise((r) => setTimeout(r, 100));
  }
  rmSync(backupRequestFile(dataDir), { force: true });
  throw new Error(`The app (process ${owner}) did not answer the backup request within ${timeoutMs / 1000} s.`);
}

/**
 * Replaces the embedded database at `dataDir` with the copy in `file`. Refuses while a process
 * holds the database; the current directory is kept aside (`<dataDir>.before-restore-<time>`).
 * Returns where the previous data went (null when there was none).
 */
export async function restoreEmbedded(dataDir: string, file: string): Promise<string | null> {
  const owner = dataDirOwner(dataDir);
  if (owner !== null) throw new Error(`The embedded database is in use by process ${owner}: stop the app first.`);
  const archive = readFileSync(path.resolve(file));
  const dir = path.resolve(dataDir);
  let kept: string | null = null;
  if (existsSync(dir)) {
    kept = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(dir, kept);
  }
  const { PGlite } = await import("@electric-sql/pglite");
  try {
    const restored = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([archive]) });
    await restored.query("select 1");
    await restored.close();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    if (kept) renameSync(kept, dir);
    throw error;
  }
  return kept;
}
