import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { withScope } from "../../db/scope";
import { env } from "../../env";
import { handleApiRequest } from "../../server/api/http-api";
import { logger } from "../../server/log";
import { callerFor, RecordingMailer } from "../helpers/caller";
import { openTestDatabase, sqlRows } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createUser, createWorkspaceWithRoles } from "../factories";

const { db } = await openTestDatabase();
const today = new Date().toISOString().slice(0, 10);

async function workspaceWithAlliance() {
  const f = await createWorkspaceWithRoles(db);
  const owner = callerFor(db, f.users.owner);
  const { id } = await owner.alliances.create({
    workspaceSlug: f.workspace.slug,
    ...allianceInput({ title: "Alliance idempotente" }),
  });
  return { f, ws: f.workspace.slug, allianceId: id };
}

async function entries(allianceId: string, title: string) {
  const [row] = await sqlRows<{ n: number }>(
    db.execute(
      sql`select count(*)::int as n from alliance_timeline where alliance_id = ${allianceId} and title = ${title}`,
    ),
  );
  return row!.n;
}

describe("writes sent with an Idempotency-Key", () => {
  it("answer a repeated request with the first answer and write once", async () => {
    const { f, ws, allianceId } = await workspaceWithAlliance();
    const key = randomUUID();
    const input = {
      workspaceSlug: ws,
      allianceId,
      kind: "note" as const,
      title: "Réunion de lancement",
      occurredOn: today,
    };
    const first = await callerFor(db, f.users.owner, { idempotencyKey: key }).alliances.addTimelineEntry(input);
    const again = await callerFor(db, f.users.owner, { idempotencyKey: key }).alliances.addTimelineEntry(input);
    expect(again).toEqual(first);
    expect(await entries(allianceId, "Réunion de lancement")).toBe(1);

    // Without a key, or with a new one, the same values are a new write.
    await callerFor(db, f.users.owner, { idempotencyKey: randomUUID() }).alliances.addTimelineEntry(input);
    await callerFor(db, f.users.owner).alliances.addTimelineEntry(input);
    expect(await entries(allianceId, "Réunion de lancement")).toBe(3);
  });

  it("refuse a key reused for another request, and a malformed key, in the user's language", async () => {
    const { f, ws, allianceId } = await workspaceWithAlliance();
    const key = randomUUID();
    await callerFor(db, f.users.owner, { idempotencyKey: key }).alliances.addTimelineEntry({
      workspaceSlug: ws,
      allianceId,
      kind: "note",
      title: "Première",
      occurredOn: today,
    });
    const reused = await rejection(
      callerFor(db, f.users.owner, { idempotencyKey: key, locale: "en" }).alliances.addTimelineEntry({
        workspaceSlug: ws,
        allianceId,
        kind: "note",
        title: "Autre",
        occurredOn: today,
      }),
    );
    expect(reused.code).toBe("CONFLICT");
    expect(await entries(allianceId, "Autre")).toBe(0);
    const malformed = await rejection(
      callerFor(db, f.users.owner, { idempotencyKey: "clé avec espaces" }).alliances.addTimelineEntry({
        workspaceSlug: ws,
        allianceId,
        kind: "note",
        title: "Mal",
        occurredOn: today,
      }),
    );
    expect(malformed.code).toBe("BAD_REQUEST");
    expect(await entries(allianceId, "Mal")).toBe(0);
  });

  it("write once when the same request arrives twice at the same moment", async () => {
    const { f, ws, allianceId } = await workspaceWithAlliance();
    const key = randomUUID();
    const input = {
      workspaceSlug: ws,
      allianceId,
      kind: "milestone" as const,
      title: "Jalon en double",
      occurredOn: today,
    };
    const [a, b] = await Promise.all([
      callerFor(db, f.users.owner, { idempotencyKey: key }).alliances.addTimelineEntry(input),
      callerFor(db, f.users.owner, { idempotencyKey: key }).alliances.addTimelineEntry(input),
    ]);
    expect(a).toEqual(b);
    expect(await entries(allianceId, "Jalon en double")).toBe(1);
  });

  it("are kept per user, and a user cannot read another user's keys even in SQL", async () => {
    const { f, ws, allianceId } = await workspaceWithAlliance();
    const key = randomUUID();
    const input = {
      workspaceSlug: ws,
      allianceId,
      kind: "note" as const,
      title: "Même clé, deux personnes",
      occurredOn: today,
    };
    await callerFor(db, f.users.owner, { idempotencyKey: key }).alliances.addTimelineEntry(input);
    await callerFor(db, f.users.editor, { idempotencyKey: key }).alliances.addTimelineEntry(input);
    expect(await entries(allianceId, input.title)).toBe(2);

    const stranger = await createUser(db);
    const seen = await withScope(db, { userId: stranger.id }, async (tx) =>
      sqlRows<{ n: number }>(tx.execute(sql`select count(*)::int as n from idempotency_keys where key = ${key}`)),
    );
    expect(seen[0]!.n).toBe(0);
    const own = await withScope(db, { userId: f.users.owner.id }, async (tx) =>
      sqlRows<{ n: number }>(tx.execute(sql`select count(*)::int as n from idempotency_keys where key = ${key}`)),
    );
    expect(own[0]!.n).toBe(1);
    // Another workspace's member replaying the key gets nothing of the owner's answer.
    const other = await createWorkspaceWithRoles(db);
    const refused = await rejection(
      callerFor(db, other.users.owner, { idempotencyKey: key }).alliances.addTimelineEntry(input),
    );
    expect(refused.code).toBe("NOT_FOUND");
  });

  it("expire after 24 hours: the key then stands for a new write", async () => {
    const { f, ws, allianceId } = await workspaceWithAlliance();
    const key = randomUUID();
    const input = { workspaceSlug: ws, allianceId, kind: "note" as const, title: "Un jour après", occurredOn: today };
    await callerFor(db, f.users.owner, { idempotencyKey: key }).alliances.addTimelineEntry(input);
    await db.execute(sql`update idempotency_keys set created_at = now() - interval '25 hours' where key = ${key}`);
    await callerFor(db, f.users.owner, { idempotencyKey: key }).alliances.addTimelineEntry(input);
    expect(await entries(allianceId, input.title)).toBe(2);
  });

  it("do not stop a write after which the key cannot be kept: erasing one's own account", async () => {
    const person = await createUser(db);
    await callerFor(db, person, { idempotencyKey: randomUUID() }).account.delete({ confirmEmail: person.email });
    const [row] = await sqlRows<{ n: number }>(
      db.execute(sql`select count(*)::int as n from users where id = ${person.id}`),
    );
    expect(row!.n).toBe(0);
  });

  it("leave reads alone", async () => {
    const { f, ws, allianceId } = await workspaceWithAlliance();
    const key = randomUUID();
    await callerFor(db, f.users.owner, { idempotencyKey: key }).alliances.get({ workspaceSlug: ws, id: allianceId });
    const [row] = await sqlRows<{ n: number }>(
      db.execute(sql`select count(*)::int as n from idempotency_keys where key = ${key}`),
    );
    expect(row!.n).toBe(0);
  });

  it("through the HTTP API: a POST retried with its key creates one alliance and answers the same", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const { token } = await owner.apiTokens.create({
      workspaceSlug: f.workspace.slug,
      name: "Intégration",
      scope: "read_write",
      days: 30,
    });
    const body = allianceInput({ title: `Alliance par l'API ${randomUUID().slice(0, 8)}` });
    const key = randomUUID();
    const post = async (payload: unknown, idempotencyKey: string) => {
      const response = await handleApiRequest(
        new Request("http://localhost:3000/api/v1/alliances", {
          method: "POST",
          headers: {
            Authorization: `Bearer ${token}`,
            "Content-Type": "application/json",
            "Idempotency-Key": idempotencyKey,
            "Accept-Language": "en",
          },
          body: JSON.stringify(payload),
        }),
        "/alliances",
        { db, log: logger(), mailer: new RecordingMailer(), appUrl: "http://localhost:3000", rateLimit: 1000 },
      );
      return {
        status: response.status,
        body: (await response.json()) as { id?: string; error?: { code: string; message: string } },
      };
    };
    const first = await post(body, key);
    const again = await post(body, key);
    expect(first.status).toBe(201);
    expect(again).toEqual(first);
    const [row] = await sqlRows<{ n: number }>(
      db.execute(sql`select count(*)::int as n from alliances where title = ${body.title as string}`),
    );
    expect(row!.n).toBe(1);
    const other = await post({ ...body, title: "Autre corps" }, key);
    expect(other.status).toBe(409);
    expect(other.body.error?.message).toBe("This idempotency key was already used for another request: use a new key.");
  });
});

describe.runIf(Boolean(env().DATABASE_URL))("a read that cannot store its figures", () => {
  it("still answers when another transaction holds the workspace's storing turn", async () => {
    const { f, ws } = await workspaceWithAlliance();
    const owner = callerFor(db, f.users.owner);
    // Another reader of the same workspace is storing: this one skips storing and answers.
    const { default: postgres } = await import("postgres");
    const other = postgres(env().DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await other.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(hashtext('maillage.workspace_figures'), hashtext(${f.workspace.id}::text))`;
        const dashboard = await owner.dashboards.workspace({ workspaceSlug: ws });
        expect(dashboard.key.alliances).toBe(1);
        const [stored] = await sqlRows<{ n: number }>(
          db.execute(sql`select count(*)::int as n from workspace_figures where workspace_id = ${f.workspace.id}`),
        );
        expect(stored!.n).toBe(0);
      });
      // Once the turn is free, the next read stores them.
      await owner.dashboards.workspace({ workspaceSlug: ws });
      const [stored] = await sqlRows<{ n: number }>(
        db.execute(sql`select count(*)::int as n from workspace_figures where workspace_id = ${f.workspace.id}`),
      );
      expect(stored!.n).toBeGreaterThan(0);
    } finally {
      await other.end({ timeout: 1 });
    }
  });

  it("never fails because other reads and writes of the workspace ran at the same time", async () => {
    const { f, ws, allianceId } = await workspaceWithAlliance();
    const owner = callerFor(db, f.users.owner);
    const calls: Array<Promise<unknown>> = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 4; i++) {
        calls.push(owner.dashboards.workspace({ workspaceSlug: ws, year: 2020 + ((round + i) % 5) }));
        calls.push(owner.evaluation.atRisk({ workspaceSlug: ws }));
        calls.push(
          owner.alliances.addTimelineEntry({
            workspaceSlug: ws,
            allianceId,
            kind: "note",
            title: `Écriture ${round}-${i}`,
            occurredOn: today,
          }),
        );
      }
    }
    const results = await Promise.allSettled(calls);
    const failed = results
      .filter((r) => r.status === "rejected")
      .map((r) => String((r as PromiseRejectedResult).reason));
    expect(failed).toEqual([]);
  });
});
