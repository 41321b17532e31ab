import { env } from "../env";
import { openDatabase } from "../db/client";
import { refreshObservatory } from "../server/jobs/observatory";

// Recomputes the public observatory now, as the app's job runner does every OBSERVATORY_MINUTES
// (for instance right after a bulk load), and prints what it cost.
const config = env();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PGLITE_DIR });
try {
  const cpu = process.cpuUsage();
  const result = await refreshObservatory(database.db);
  const used = process.cpuUsage(cpu);
  console.log(
    `Observatory: ${result.alliances} alliances counted, ${result.figures} figures, ${(result.durationMs / 1000).toFixed(1)} s; ` +
      `app CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; memory ${Math.round(process.memoryUsage().rss / 1e6)} MB.`,
  );
} finally {
  await database.close();
}
