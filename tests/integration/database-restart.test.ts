import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { env } from "../../env";

// postgres.js behaviour: only meaningful against a PostgreSQL server (CI runs it there).
describe.runIf(Boolean(env().DATABASE_URL))("losing PostgreSQL connections mid-transaction", () => {
  it("does not kill the process, and the next request is served", () => {
    const rounds = 15;
    const child = spawnSync(process.execPath, ["--import", "tsx", "tests/helpers/kill-backends.ts", String(rounds)], {
      env: process.env,
      encoding: "utf8",
      timeout: 90_000,
    });
    expect(child.status, child.stderr).toBe(0);
    const summary = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as {
      rounds: number;
      recovered: number;
      attemptsPerRound: number[];
      faults: number;
    };
    expect(summary.recovered).toBe(rounds);
    // The patched driver fails the dead session's statements instead of throwing from a timer.
    expect(summary.faults).toBe(0);
    // Served by the first or second request after each loss, never stuck.
    expect(Math.max(...summary.attemptsPerRound)).toBeLessThanOrEqual(2);
  }, 120_000);
});
