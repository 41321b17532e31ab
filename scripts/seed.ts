import { openDatabase } from "../db/client";
import { seedDemo } from "../db/seed";
import { env } from "../env";

const config = env();
const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.PGLITE_DIR });
try {
  const { created } = await seedDemo(database.db);
  console.log(created ? "Demo data loaded." : "Demo data already present.");
} finally {
  await database.close();
}
