import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { sqlRows } from "../helpers/db";

describe("the embedded PGlite database on disk", () => {
  it("keeps data across restarts and refuses a second process on the same folder", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "maillage-pglite-")), "db");
    const first = await openDatabase({ dataDir: dir });
    await migrateDatabase(first);
    await first.db.execute(sql`insert into rate_limit_hits (key, window_start, count) values ('kept', now(), 7)`);
    expect(readFileSync(`${dir}.lock`, "utf8")).toBe(String(process.pid));
    await first.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);

    // Another live process holds the folder: opening it must fail, not corrupt it.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(`${dir}.lock`, String(holder.pid));
      await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by process/);
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once("exit", resolve));
    }

    // Its holder is gone: the stale lock is taken over and the committed row is still there.
    const second = await openDatabase({ dataDir: dir });
    const rows = await sqlRows<{ count: number }>(
      second.db.execute(sql`select count from rate_limit_hits where key = 'kept'`),
    );
    expect(rows).toEqual([{ count: 7 }]);
    await second.close();
  });
});
