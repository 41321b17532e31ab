import { restoreEmbedded } from "../db/backup";
import { env } from "../env";

/**
 * `npm run db:restore -- file`: puts back an embedded database copied by `npm run db:backup`.
 * The app must be stopped; the current data directory is kept aside. For PostgreSQL, use
 * pg_restore after `npm run db:migrate` (README, "Backup and restore").
 */
const config = env();
const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run db:restore -- <backup file>");
  process.exit(2);
}
if (config.DATABASE_URL) {
  console.error("DATABASE_URL is set: restore a PostgreSQL dump with pg_restore (README, 'Backup and restore').");
  process.exit(2);
}
const kept = await restoreEmbedded(config.PGLITE_DIR, file);
console.log(
  `Embedded database restored from ${file} into ${config.PGLITE_DIR}.${kept ? ` The previous data is kept in ${kept}.` : ""}`,
);
console.log("Start the app as usual (npm start): it applies any migration the copy lacks.");
