import { expect, test } from "../fixtures/test";

test("Prometheus reads the production server's metrics with its token, and nobody else does", async ({
  page,
  context,
  signInAs,
  request,
}) => {
  await signInAs(context);
  await page.goto("/workspaces");
  await page.goto("/observatoire");
  expect((await request.get("/api/metrics")).status()).toBe(401);
  expect(
    (await request.get("/api/metrics", { headers: { Authorization: "Bearer not-the-metrics-token-00" } })).status(),
  ).toBe(401);
  const scraped = await request.get("/api/metrics", {
    headers: { Authorization: "Bearer e2e-metrics-token-0123456789" },
  });
  expect(scraped.status()).toBe(200);
  expect(scraped.headers()["content-type"]).toContain("text/plain");
  const text = await scraped.text();
  expect(text).toMatch(/maillage_http_requests_total\{route="\/workspaces",method="GET",status="200"\} \d+/);
  expect(text).toMatch(/maillage_http_request_duration_seconds_count\{route="\/observatoire"\} \d+/);
  // The queue's jobs, read from the database at the scrape (none yet, maybe, on a fresh server).
  expect(text).toContain("# TYPE maillage_jobs gauge");
  expect(text).toMatch(/maillage_db_connections\{state="[a-z ]+"\} \d+/);
  // This server's own pool: at least the connection that read the scrape's figures.
  expect(text).toMatch(/maillage_db_pool_connections\{state="active"\} [1-9]\d*/);
  expect(text).toMatch(/maillage_db_pool_max \d+/);
  expect(text).toMatch(/maillage_process_resident_memory_bytes \d+/);
});
