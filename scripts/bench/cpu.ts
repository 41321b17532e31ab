import { readdirSync, readFileSync } from "node:fs";

const TICKS = 100; // USER_HZ on Linux

/** CPU milliseconds (user + system) of one process, from /proc; 0 once it is gone. */
export function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return 0;
  }
}

/** CPU milliseconds of each PostgreSQL process of the machine (the benchmark's backends among them), by pid. */
export function postgresCpuByPid(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "postgres")
        byPid.set(Number(entry), cpuOf(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/**
 * The CPU PostgreSQL's processes spent since `before` (a reading of postgresCpuByPid): a process
 * started since counts whole, one that ended since is left out. Summing every process twice and
 * subtracting instead went negative when a process ended in between (an autovacuum worker, say),
 * as it took its whole life's CPU out of the second sum.
 */
export function postgresCpuSince(before: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ms] of postgresCpuByPid()) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

/** CPU milliseconds of every PostgreSQL process of the machine now. */
export function postgresCpu(): number {
  let total = 0;
  for (const ms of postgresCpuByPid().values()) total += ms;
  return total;
}
