import { env } from "../env";
import { openDatabase } from "../db/client";
import { refreshTerritoryStatistics } from "../server/jobs/territory-statistics";

// Recomputes the territorial dashboards' summary now, as the app's job runner does every
// TERRITORY_STATISTICS_MINUTES (for instance right after a bulk load).
const config = env();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PGLITE_DIR });
try {
  const result = await refreshTerritoryStatistics(database.db);
  console.log(
    `Territorial statistics: ${result.alliances} alliances counted, ${result.cells} cells, ${(result.durationMs / 1000).toFixed(1)} s; ` +
      `memory ${Math.round(process.memoryUsage().rss / 1e6)} MB.`,
  );
} finally {
  await database.close();
}
