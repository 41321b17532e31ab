import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { backupEmbedded, restoreEmbedded } from "../../db/backup";
import { openDatabase } from "../../db/client";
import { resultRows } from "../../db/rows";

const dir = mkdtempSync(path.join(tmpdir(), "maillage-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function rows(dataDir: string): Promise<string[]> {
  const database = await openDatabase({ dataDir });
  try {
    return resultRows<{ note: string }>(await database.db.execute(sql`select note from notes order by note`)).map(
      (r) => r.note,
    );
  } finally {
    await database.close();
  }
}

describe("backing up and restoring the embedded database", () => {
  it("copies it consistently, refuses to restore under a running process, and puts the copy back", async () => {
    const dataDir = path.join(dir, "pglite");
    const database = await openDatabase({ dataDir });
    await database.db.execute(sql`create table notes (note text primary key)`);
    await database.db.execute(sql`insert into notes values ('avant la sauvegarde')`);
    // While a process holds the database, a restore is refused and nothing is touched.
    await expect(restoreEmbedded(dataDir, path.join(dir, "none.tar.gz"))).rejects.toThrow(/in use by process/);
    await database.close();

    const backup = await backupEmbedded(dataDir, path.join(dir, "copies", "maillage.tar.gz"));
    expect(backup.by).toBe("direct");
    expect(backup.bytes).toBeGreaterThan(1000);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    const later = await openDatabase({ dataDir });
    await later.db.execute(sql`insert into notes values ('après la sauvegarde')`);
    await later.close();
    expect(await rows(dataDir)).toEqual(["après la sauvegarde", "avant la sauvegarde"]);

    const kept = await restoreEmbedded(dataDir, backup.file);
    expect(await rows(dataDir)).toEqual(["avant la sauvegarde"]);
    expect(kept && (await rows(kept))).toEqual(["après la sauvegarde", "avant la sauvegarde"]);
  }, 60_000);
});
