import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { resultRows } from "../../db/rows";
import { nationalCounts, nationalLoadState, seedNational } from "../../db/seed-national";
import { searchRowsDrift } from "../helpers/search-rows";

/** A throwaway embedded database with the national dataset at a small scale (never the shared test database: other tests count what is in it). */
async function seeded(seed: number) {
  const database = await openDatabase({ dataDir: "memory://" });
  await migrateDatabase(database);
  await seedNational(database.db, { scale: 0.001, seed });
  return database;
}

async function fingerprint(db: Awaited<ReturnType<typeof seeded>>["db"]) {
  const [row] = resultRows<Record<string, string>>(
    await db.execute(sql`select
      (select md5(string_agg(id::text || name || kind || coalesce(commune_code, ''), ',' order by id)) from organisations) as organisations,
      (select md5(string_agg(id::text || title || stage || starts_on::text || territory_scope, ',' order by id)) from alliances) as alliances,
      (select md5(string_agg(alliance_id::text || target || is_primary, ',' order by alliance_id, target)) from alliance_sdg_targets) as targets,
      (select md5(string_agg(id::text || quantity::text || occurred_on::text, ',' order by id)) from alliance_contributions) as contributions`),
  );
  return row!;
}

describe("the national dataset", () => {
  it("is the same for the same seed, different for another, in the counts and proportions asked", async () => {
    const first = await seeded(42);
    const second = await seeded(42);
    const other = await seeded(7);
    try {
      const a = await fingerprint(first.db);
      expect(await fingerprint(second.db)).toEqual(a);
      expect((await fingerprint(other.db)).alliances).not.toBe(a.alliances);

      const counts = nationalCounts(0.001);
      const count = async (query: ReturnType<typeof sql>) =>
        Number(resultRows<{ n: string }>(await first.db.execute(query))[0]!.n);
      expect(await count(sql`select count(*) as n from alliances`)).toBe(counts.alliances);
      expect(await count(sql`select count(*) as n from organisations`)).toBe(counts.organisations);
      expect(await count(sql`select count(*) as n from alliance_contributions`)).toBe(counts.contributions);
      expect(
        await count(
          sql`select count(*) as n from alliance_parties where role = 'porteur' and workspace_id = (select id from workspaces where slug = 'national-1')`,
        ),
      ).toBe(counts.bigWorkspace);
      // The list's search rows are written with the load, as the triggers would have written them.
      const search = await searchRowsDrift(first.db);
      expect(search.drift).toBe(0);
      expect(search.rows).toBe(
        await count(
          sql`select count(*) as n from alliance_parties where status = 'accepted' and workspace_id is not null`,
        ),
      );
      expect(search.rows).toBeGreaterThan(counts.alliances);
      // Every alliance has its holder, a partner, a current mode, a primary SDG target.
      expect(
        await count(
          sql`select count(*) as n from alliances a where not exists (select 1 from alliance_mode_periods m where m.alliance_id = a.id)`,
        ),
      ).toBe(0);
      expect(
        await count(
          sql`select count(*) as n from alliances a where (select count(*) from alliance_sdg_targets s where s.alliance_id = a.id and s.is_primary) <> 1`,
        ),
      ).toBe(0);
      expect(
        await count(
          sql`select count(*) as n from alliances a where (select count(*) from alliance_parties p where p.alliance_id = a.id) < 2`,
        ),
      ).toBe(0);
      // Associations are most of the organisations; modes follow the reported proportions.
      const share = async (query: ReturnType<typeof sql>) => (await count(query)) / counts.alliances;
      expect(
        (await count(sql`select count(*) as n from organisations where kind = 'association'`)) / counts.organisations,
      ).toBeGreaterThan(0.6);
      expect(
        await share(
          sql`select count(*) as n from alliance_mode_periods m where m.mode = 'pratiques_responsables' and m.ends_on is null`,
        ),
      ).toBeGreaterThan(0.25);
      expect(
        await share(
          sql`select count(*) as n from alliance_mode_periods m where m.mode = 'innovation_societale' and m.ends_on is null`,
        ),
      ).toBeLessThan(0.25);
    } finally {
      await Promise.all([first.close(), second.close(), other.close()]);
    }
  }, 120_000);

  it("tells an empty database, a finished load and a load that stopped before its indexes apart", async () => {
    const empty = await openDatabase({ dataDir: "memory://" });
    await migrateDatabase(empty);
    const loaded = await seeded(42);
    try {
      expect(await nationalLoadState(empty.db)).toBe("empty");
      expect(await nationalLoadState(loaded.db)).toBe("loaded");
      // What an interrupted load leaves: its rows, without the secondary indexes built last.
      await loaded.db.execute(sql`drop index alliances_updated_idx`);
      expect(await nationalLoadState(loaded.db)).toBe("unfinished");
    } finally {
      await Promise.all([empty.close(), loaded.close()]);
    }
  }, 120_000);
});
