import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { env } from "../../env";
import { handleApiRequest } from "../../server/api/http-api";
import { logger } from "../../server/log";
import { callerFor, RecordingMailer } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles } from "../factories";

const { db } = await openTestDatabase();
const deps = (rateLimit = 1000) => ({
  db,
  log: logger(),
  mailer: new RecordingMailer(),
  appUrl: "http://localhost:3000",
  rateLimit,
});

async function call(
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
  options: { rateLimit?: number; language?: string } = {},
) {
  const headers: Record<string, string> = { "Accept-Language": options.language ?? "fr" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body) headers["Content-Type"] = "application/json";
  const response = await handleApiRequest(
    new Request(`http://localhost:3000/api/v1${path}`, {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
    }),
    path.split("?")[0]!,
    deps(options.rateLimit),
  );
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back in assertions
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

describe("workspace API tokens and the HTTP API", () => {
  it("holds a token's limit exactly across instances of the app: N calls a minute accepted, the rest refused", async () => {
    // A second instance: its own pool on the PostgreSQL server (the embedded database serves one process).
    const url = env().DATABASE_URL;
    const other = url ? await openDatabase({ url, poolMax: 3 }) : null;
    if (other) afterAll(() => other.close());
    const f = await createWorkspaceWithRoles(db);
    const { token } = await callerFor(db, f.users.owner).apiTokens.create({
      workspaceSlug: f.workspace.slug,
      name: "Deux instances",
      scope: "read",
      days: 1,
    });
    // Not across a minute's end, where the count starts again.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
    const instances = [deps(4), { ...deps(4), db: other?.db ?? db }];
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        handleApiRequest(
          new Request("http://localhost:3000/api/v1/organisations", { headers: { Authorization: `Bearer ${token}` } }),
          "/organisations",
          instances[i % 2]!,
        ),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429, 429, 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.headers.get("X-RateLimit-Remaining")).toBe("0");
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    // The window slides: ten hits in this minute (six refused) fade out up to 42 s into the next.
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(120);
  });

  it("lets a read token read, pages with a cursor, and refuses writes", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const ws = f.workspace.slug;
    for (let i = 0; i < 5; i++)
      await owner.alliances.create({ workspaceSlug: ws, ...allianceInput({ title: `Alliance API ${i}` }) });
    const { token, id } = await owner.apiTokens.create({
      workspaceSlug: ws,
      name: "Tableau de bord",
      scope: "read",
      days: 30,
    });
    expect(token).toMatch(/^mlg_[A-Za-z0-9_-]{43}$/);
    // Shown once: the list holds the prefix only.
    const listed = await owner.apiTokens.list({ workspaceSlug: ws });
    expect(listed[0]).toMatchObject({ id, prefix: token.slice(0, 12), scope: "read" });
    expect(JSON.stringify(listed)).not.toContain(token);

    const first = await call(token, "GET", "/alliances?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const seen = [...first.body.items.map((a: { id: string }) => a.id)];
    let cursor = first.body.nextCursor as string | null;
    while (cursor) {
      const next = await call(token, "GET", `/alliances?limit=2&cursor=${cursor}`);
      seen.push(...next.body.items.map((a: { id: string }) => a.id));
      cursor = next.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(5);
    const one = await call(token, "GET", `/alliances/${seen[0]}`);
    expect(one.body).toMatchObject({ id: seen[0], parties: expect.any(Array) });
    expect((await call(token, "GET", `/alliances/${seen[0]}/contributions`)).body).toMatchObject({ items: [] });
    expect((await call(token, "GET", "/organisations")).body.items.length).toBeGreaterThan(0);

    const refused = await call(token, "POST", "/alliances", allianceInput());
    expect(refused).toMatchObject({
      status: 403,
      body: { error: { code: "FORBIDDEN", message: "Ce jeton est en lecture seule." } },
    });
    expect((await call(token, "GET", "/nowhere")).status).toBe(404);
    expect((await call(token, "GET", "/alliances?cursor=zzz")).status).toBe(400);

    // Every call is in the audit log, with its status.
    const audit = await owner.audit.list({ workspaceSlug: ws, limit: 100 });
    const calls = audit.items.filter((e) => e.action === "api.call");
    expect(calls.length).toBeGreaterThanOrEqual(8);
    expect(calls.map((c) => (c.after as { status: number }).status)).toEqual(
      expect.arrayContaining([200, 403, 404, 400]),
    );
  });

  it("writes with a read-write token, with the app's validation and messages, and detects concurrent edits", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const { token } = await owner.apiTokens.create({
      workspaceSlug: f.workspace.slug,
      name: "CRM",
      scope: "read_write",
      days: 7,
    });
    const created = await call(token, "POST", "/alliances", allianceInput({ title: "Créée par l'API" }));
    expect(created.status).toBe(201);
    const detail = (await call(token, "GET", `/alliances/${created.body.id}`)).body;
    expect(detail.title).toBe("Créée par l'API");

    const bad = await call(
      token,
      "POST",
      "/alliances",
      { ...allianceInput(), title: "x", startsOn: "31/12/2024" },
      { language: "en" },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toMatchObject({ title: expect.any(String), startsOn: expect.any(String) });

    const input = { ...allianceInput({ title: "Revue par l'API" }), version: detail.version };
    expect((await call(token, "PUT", `/alliances/${created.body.id}`, input)).status).toBe(200);
    const stale = await call(token, "PUT", `/alliances/${created.body.id}`, input);
    expect(stale.status).toBe(409);

    const mine = detail.parties.find((p: { isMine: boolean }) => p.isMine).id;
    const contribution = await call(token, "POST", `/alliances/${created.body.id}/contributions`, {
      partyId: mine,
      kind: "argent",
      quantity: 2500,
      valueEuros: 2500,
      occurredOn: "2026-01-15",
    });
    expect(contribution.status).toBe(201);
    const indicator = await call(token, "POST", `/alliances/${created.body.id}/indicators`, {
      name: "Familles aidées",
      unit: "familles",
      dimension: "performance",
      direction: "higher",
      frequency: "yearly",
    });
    expect(indicator.status).toBe(201);
    const result = await call(token, "POST", `/alliances/${created.body.id}/indicators/${indicator.body.id}/results`, {
      period: "2026",
      periodEnd: "2026-12-31",
      value: 42,
    });
    expect(result.status).toBe(201);
    expect((await call(token, "GET", `/alliances/${created.body.id}/indicators`)).body.items[0]).toMatchObject({
      name: "Familles aidées",
    });
  });

  it("refuses unknown, revoked and expired tokens, another workspace's data, and calls beyond the rate limit", async () => {
    const f = await createWorkspaceWithRoles(db);
    const other = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const theirs = await callerFor(db, other.users.owner).alliances.create({
      workspaceSlug: other.workspace.slug,
      ...allianceInput({ title: "Chez les autres" }),
    });
    const { token, id } = await owner.apiTokens.create({
      workspaceSlug: f.workspace.slug,
      name: "Intégration",
      scope: "read_write",
      days: 30,
    });

    expect((await call(null, "GET", "/alliances")).status).toBe(401);
    expect((await call("mlg_unknown", "GET", "/alliances")).status).toBe(401);
    // Another workspace's alliance does not exist for this token, read or write.
    expect((await call(token, "GET", `/alliances/${theirs.id}`)).status).toBe(404);
    expect((await call(token, "GET", "/alliances")).body.items.map((a: { title: string }) => a.title)).not.toContain(
      "Chez les autres",
    );
    expect((await call(token, "PUT", `/alliances/${theirs.id}`, { ...allianceInput(), version: 1 })).status).toBe(404);

    const limited = await Promise.all(
      [1, 2, 3].map(() => call(token, "GET", "/organisations", undefined, { rateLimit: 2 })),
    );
    const statuses = limited.map((r) => r.status).sort();
    expect(statuses).toContain(429);
    expect(limited.find((r) => r.status === 429)!.headers.get("Retry-After")).toMatch(/^\d+$/);

    // Only admins manage tokens; an editor cannot, nor can another workspace revoke them.
    expect(
      await rejection(
        callerFor(db, f.users.editor).apiTokens.create({
          workspaceSlug: f.workspace.slug,
          name: "x y",
          scope: "read",
          days: 1,
        }),
      ),
    ).toMatchObject({ code: "FORBIDDEN" });
    expect(
      await rejection(callerFor(db, other.users.owner).apiTokens.revoke({ workspaceSlug: other.workspace.slug, id })),
    ).toMatchObject({ code: "NOT_FOUND" });
    await owner.apiTokens.revoke({ workspaceSlug: f.workspace.slug, id });
    expect((await call(token, "GET", "/organisations?limit=1")).status).toBe(401);

    const expiring = await owner.apiTokens.create({
      workspaceSlug: f.workspace.slug,
      name: "Court",
      scope: "read",
      days: 1,
    });
    await db.execute(sql`update api_tokens set expires_at = now() - interval '1 minute' where id = ${expiring.id}`);
    expect((await call(expiring.token, "GET", "/alliances")).status).toBe(401);
  });
});
