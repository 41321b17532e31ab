import { spawnSync } from "node:child_process";
import path from "node:path";
import { backupEmbedded } from "../db/backup";
import { env } from "../env";

/**
 * `npm run db:backup [-- file]`: a consistent copy of the database, app running or stopped.
 * Embedded database: a gzipped tar of its data directory (the running app takes it). PostgreSQL:
 * pg_dump's custom format (pg_dump must be installed; restore with pg_restore, README).
 */
const config = env();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const file =
  process.argv[2] ?? path.join(".data", "backups", `maillage-${stamp}.${config.DATABASE_URL ? "dump" : "tar.gz"}`);
if (config.DATABASE_URL) {
  const result = spawnSync("pg_dump", ["--format=custom", `--file=${file}`, config.DATABASE_URL], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`PostgreSQL database dumped to ${file} (restore: see README, "Backup and restore").`);
} else {
  const result = await backupEmbedded(config.PGLITE_DIR, file);
  console.log(
    `Embedded database copied to ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${result.by === "app" ? "taken by the running app" : "app not running"}).`,
  );
}
