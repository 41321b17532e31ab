import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { plannedGenerically, withScope } from "../../db/scope";
import { openTestDatabase } from "../helpers/db";
import { keepPrepared, PREPARED_MAX_PARAMETERS, PREPARED_MAX_TEXT } from "../../db/prepared";
import { resultRows } from "../../db/rows";
import { env } from "../../env";
import { callerFor } from "../helpers/caller";
import { allianceInput, createWorkspaceWithRoles } from "../factories";

describe("which statements are kept prepared (db/prepared.ts)", () => {
  it("keeps statements with parameters of ordinary size, not those without, nor bulk ones", () => {
    expect(keepPrepared("select $1", [1])).toBe(true);
    expect(keepPrepared("select 1", [])).toBe(false);
    expect(keepPrepared("select 1", undefined)).toBe(false);
    expect(
      keepPrepared(
        "insert …",
        Array.from({ length: PREPARED_MAX_PARAMETERS + 1 }, (_, i) => i),
      ),
    ).toBe(false);
    expect(keepPrepared(`select $1 ${"-".repeat(PREPARED_MAX_TEXT)}`, [1])).toBe(false);
  });
});

// One connection, so that every call below reuses the statements prepared by the ones before.
const url = env().DATABASE_URL;
const database = url && env().DATABASE_POOLER !== "transaction" ? await openDatabase({ url, poolMax: 1 }) : null;
afterAll(() => database?.close());

describe.runIf(Boolean(database))("prepared statements on one PostgreSQL connection", () => {
  it("are reused across workspaces without one workspace's rows reaching another, each planned for its own values", async () => {
    const db = database!.db;
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    const ownerA = callerFor(db, a.users.owner);
    const ownerB = callerFor(db, b.users.owner);
    await ownerA.alliances.create({ workspaceSlug: a.workspace.slug, ...allianceInput({ title: "Potager de A" }) });
    await ownerB.alliances.create({ workspaceSlug: b.workspace.slug, ...allianceInput({ title: "Verger de B" }) });
    await ownerB.alliances.create({ workspaceSlug: b.workspace.slug, ...allianceInput({ title: "Rucher de B" }) });
    // Eight rounds: past the five custom plans after which PostgreSQL would otherwise consider a generic one.
    for (let round = 0; round < 8; round++) {
      const listA = await ownerA.alliances.list({ workspaceSlug: a.workspace.slug });
      const listB = await ownerB.alliances.list({ workspaceSlug: b.workspace.slug });
      expect(listA.items.map((i) => i.title)).toEqual(["Potager de A"]);
      expect(listB.items.map((i) => i.title).sort()).toEqual(["Rucher de B", "Verger de B"]);
    }
    const kept = resultRows<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from pg_prepared_statements where statement ilike ${'%from "alliances"%'}`,
      ),
    );
    expect(kept[0]!.n).toBeGreaterThan(0);
    const [mode] = resultRows<{ plan_cache_mode: string }>(await db.execute(sql`show plan_cache_mode`));
    expect(mode!.plan_cache_mode).toBe("force_custom_plan");
  });
});

describe("a statement planned generically inside a transaction (plannedGenerically)", () => {
  it("runs with a generic plan and gives the transaction its own mode back, on either database", async () => {
    const test = await openTestDatabase();
    const mode = (tx: Db) =>
      tx
        .execute(sql`select current_setting('plan_cache_mode') as mode`)
        .then((r) => resultRows<{ mode: string }>(r)[0]!.mode);
    for (const plans of ["force_custom_plan", "force_generic_plan"] as const) {
      const seen = await withScope(test.db, { plans }, async (tx) => {
        // A query already sent when the function returns it, then one not sent until awaited.
        const inside = await plannedGenerically(tx, () => mode(tx));
        const lazy = await plannedGenerically(tx, () =>
          tx.execute(sql`select current_setting('plan_cache_mode') as mode`),
        );
        return { inside, lazy: resultRows<{ mode: string }>(lazy)[0]!.mode, after: await mode(tx) };
      });
      expect(seen).toEqual({ inside: "force_generic_plan", lazy: "force_generic_plan", after: plans });
    }
  });
});
