import { describe, expect, it } from "vitest";
import { createMetrics, metricsAuthorized, routesOf } from "@/server/http/metrics";

describe("the routes requests count under", () => {
  it("names each procedure of a tRPC call, and pages with their ids and workspace replaced", () => {
    expect(routesOf("/api/trpc/alliances.page,dashboards.myActions?batch=1&input=x", 200)).toEqual([
      "trpc alliances.page",
      "trpc dashboards.myActions",
    ]);
    expect(routesOf("/api/trpc/alliances.page,alliances.page?batch=1", 200)).toEqual(["trpc alliances.page"]);
    expect(routesOf("/api/trpc/<script>", 404)).toEqual(["trpc (unknown)"]);
    expect(routesOf("/w/jardins-du-lien/alliances/0b6f3c1e-8d2a-4c11-9e55-3f0f6c2b1a77?section=journal", 200)).toEqual([
      "/w/:workspace/alliances/:id",
    ]);
    expect(routesOf("/observatoire/regions/84", 200)).toEqual(["/observatoire/regions/:n"]);
    expect(routesOf("/api/v1/alliances/0b6f3c1e-8d2a-4c11-9e55-3f0f6c2b1a77", 200)).toEqual(["/api/v1/alliances/:id"]);
    expect(routesOf("/_next/static/chunks/abc.js", 200)).toEqual(["/_next"]);
    expect(routesOf("/", 200)).toEqual(["/"]);
  });

  it("counts every path that does not exist under one name, so random probes add no series", () => {
    expect(routesOf("/wp-admin/setup.php", 404)).toEqual(["unmatched"]);
    expect(routesOf("/w/someone/nothing-here", 404)).toEqual(["unmatched"]);
  });
});

describe("the metrics text", () => {
  it("counts requests and their durations, and reads the queue and the connections at each scrape", async () => {
    let jobs = [{ name: "outbox", state: "completed", n: 4 }];
    const metrics = createMetrics({
      jobs: async () => jobs,
      connections: async () => [
        { state: "idle", mine: true, n: 2 },
        { state: "idle", mine: false, n: 1 },
        { state: "active", mine: false, n: 4 },
      ],
      poolMax: 10,
    });
    metrics.observe("GET", "/w/demo/alliances", 200, 0.042);
    metrics.observe("GET", "/w/other/alliances", 200, 0.3);
    metrics.observe("POST", "/api/trpc/alliances.update", 409, 0.01);
    const text = await metrics.text();
    expect(text).toContain('maillage_http_requests_total{route="/w/:workspace/alliances",method="GET",status="200"} 2');
    expect(text).toContain('maillage_http_requests_total{route="trpc alliances.update",method="POST",status="409"} 1');
    expect(text).toContain(
      'maillage_http_request_duration_seconds_bucket{le="0.05",route="/w/:workspace/alliances"} 1',
    );
    expect(text).toContain('maillage_http_request_duration_seconds_bucket{le="0.5",route="/w/:workspace/alliances"} 2');
    expect(text).toContain('maillage_jobs{queue="outbox",state="completed"} 4');
    // Every instance's connections, then this instance's pool apart (named after the instance).
    expect(text).toContain('maillage_db_connections{state="idle"} 3');
    expect(text).toContain('maillage_db_connections{state="active"} 4');
    expect(text).toContain('maillage_db_pool_connections{state="idle"} 2');
    expect(text).not.toContain('maillage_db_pool_connections{state="active"}');
    expect(text).toContain("maillage_db_pool_max 10");
    expect(text).toMatch(/maillage_process_resident_memory_bytes \d+/);
    // A queue emptied since: its old count does not linger.
    jobs = [{ name: "import", state: "failed", n: 1 }];
    const again = await metrics.text();
    expect(again).not.toContain('queue="outbox"');
    expect(again).toContain('maillage_jobs{queue="import",state="failed"} 1');
  });

  it("is given only to the bearer of the token", () => {
    const token = "metrics-token-0123456789";
    expect(metricsAuthorized(`Bearer ${token}`, token)).toBe(true);
    expect(metricsAuthorized(`bearer ${token}`, token)).toBe(true);
    expect(metricsAuthorized(`Bearer ${token}x`, token)).toBe(false);
    expect(metricsAuthorized(undefined, token)).toBe(false);
    expect(metricsAuthorized(`Bearer ${token}`, undefined)).toBe(false);
  });
});
