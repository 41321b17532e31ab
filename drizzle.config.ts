import { defineConfig } from "drizzle-kit";

// Generation only needs the schema; migrations are applied by `npm run db:migrate`
// (drizzle-orm's migrator), which works on PostgreSQL and on the embedded PGlite alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
