import { openDatabase } from "../db/client";
import { seedDemo } from "../db/seed";
import { env } from "../env";

const config = env();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PGLITE_DIR });
try {
  const { created, alliances } = await seedDemo(database.db);
  console.log(created || alliances ? `Demo data loaded (${alliances} alliances).` : "Demo data already present.");
} finally {
  await database.close();
}
