import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { dispatchWebhooks, RETRY_DELAYS_MS } from "../../server/services/webhooks/dispatch-webhooks";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { rejection } from "../helpers/errors";
import { allianceInput, createWorkspaceWithRoles, giveOrganisation } from "../factories";

const { db } = await openTestDatabase();

/** A real HTTP endpoint on this machine: it answers with the next status of `answers` (then 200). */
const received: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];
const answers: number[] = [];
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
  req.on("end", () => {
    received.push({ path: req.url ?? "", headers: req.headers, body });
    res.statusCode = answers.shift() ?? 200;
    res.end("ok");
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs the sender until nothing is due at `at` (only this test's deliveries are due in the future it picks). */
async function drain(at: number) {
  for (let i = 0; i < 20; i++) {
    const { attempted } = await dispatchWebhooks(db, { now: () => at, limit: 100 });
    if (attempted === 0) return;
  }
}

describe("webhooks", () => {
  it("delivers signed events to every party's webhook, retries with backoff, and keeps a delivery log", async () => {
    const a = await createWorkspaceWithRoles(db);
    const b = await createWorkspaceWithRoles(db);
    const ownerA = callerFor(db, a.users.owner);
    const ownerB = callerFor(db, b.users.owner);
    const hookA = await ownerA.webhooks.create({
      workspaceSlug: a.workspace.slug,
      url: `${endpoint}/a`,
      events: ["alliance.created", "alliance.updated", "invitation.accepted"],
    });
    expect(hookA.secret).toMatch(/^whsec_/);
    await ownerB.webhooks.create({
      workspaceSlug: b.workspace.slug,
      url: `${endpoint}/b`,
      events: ["alliance.updated"],
    });

    // A creates an alliance with B's organisation, invites B, B accepts, then B edits it.
    const orgB = await giveOrganisation(db, b.workspace.id);
    const { id } = await ownerA.alliances.create({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({ title: "Ressourcerie", partners: [{ organisationId: orgB, role: "partenaire" }] }),
    });
    const partyB = (await ownerA.alliances.get({ workspaceSlug: a.workspace.slug, id })).parties.find(
      (p) => p.organisationId === orgB,
    )!;
    await ownerA.alliances.inviteCoOwner({ workspaceSlug: a.workspace.slug, allianceId: id, partyId: partyB.id });
    await ownerB.alliances.respondToCoOwnership({ workspaceSlug: b.workspace.slug, partyId: partyB.id, accept: true });
    const detail = await ownerB.alliances.get({ workspaceSlug: b.workspace.slug, id });
    const orgA = detail.parties.find((p) => !p.isMine)!.organisationId;
    await ownerB.alliances.update({
      workspaceSlug: b.workspace.slug,
      ...allianceInput({
        title: "Ressourcerie solidaire",
        ownRole: "partenaire",
        partners: [{ organisationId: orgA, role: "porteur" }],
      }),
      id,
      version: detail.version,
    });

    // The first attempt to A's endpoint for the creation fails with a 500.
    answers.push(500);
    const start = Date.now() + 1000;
    await drain(start);
    const mine = received.filter((r) => r.body.includes(id));
    const events = (path: string) =>
      mine.filter((r) => r.path === path).map((r) => String(r.headers["x-maillage-event"]));
    expect(events("/hooks/a").sort()).toEqual(["alliance.created", "alliance.updated", "invitation.accepted"]);
    // B's webhook got the update (it is a party), not the creation (it listens for updates only).
    expect(events("/hooks/b")).toEqual(["alliance.updated"]);

    // The signature is HMAC-SHA256 of "t.body" with the webhook's secret.
    const created = mine.find((r) => r.headers["x-maillage-event"] === "alliance.created")!;
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(created.headers["x-maillage-signature"]))!;
    expect(createHmac("sha256", hookA.secret).update(`${t}.${created.body}`).digest("hex")).toBe(v1);
    expect(JSON.parse(created.body)).toMatchObject({
      event: "alliance.created",
      data: { alliance: { id, title: "Ressourcerie" } },
    });

    // The failed creation delivery waits for its retry, then goes through.
    let log = (await ownerA.webhooks.list({ workspaceSlug: a.workspace.slug }))[0]!.deliveries;
    const retried = log.find((d) => d.event === "alliance.created")!;
    expect(retried).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    await drain(start + RETRY_DELAYS_MS[0]! + 1000);
    log = (await ownerA.webhooks.list({ workspaceSlug: a.workspace.slug }))[0]!.deliveries;
    expect(log.find((d) => d.id === retried.id)).toMatchObject({
      status: "delivered",
      attempts: 2,
      lastStatusCode: 200,
    });
    expect(log.every((d) => d.status === "delivered")).toBe(true);

    // A delivery that keeps failing gives up after the last retry.
    const { id: second } = await ownerA.alliances.create({
      workspaceSlug: a.workspace.slug,
      ...allianceInput({ title: "Toujours en échec" }),
    });
    answers.push(...Array.from({ length: RETRY_DELAYS_MS.length + 1 }, () => 503));
    let at = start + RETRY_DELAYS_MS[0]! + 2000;
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
      await drain(at);
      at += (RETRY_DELAYS_MS[attempt] ?? 0) + 1000;
    }
    log = (await ownerA.webhooks.list({ workspaceSlug: a.workspace.slug }))[0]!.deliveries;
    expect(
      log.find(
        (d) =>
          d.event === "alliance.created" &&
          received.some((r) => r.headers["x-maillage-delivery"] === d.id && r.body.includes(second)),
      ),
    ).toMatchObject({
      status: "failed",
      attempts: RETRY_DELAYS_MS.length + 1,
      lastStatusCode: 503,
    });
  });

  it("accepts HTTPS addresses only, and keeps webhooks to their workspace's admins", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    expect(
      await rejection(
        owner.webhooks.create({
          workspaceSlug: f.workspace.slug,
          url: "http://crm.example.org/hook",
          events: ["alliance.created"],
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST" });
    expect(
      await rejection(
        owner.webhooks.create({ workspaceSlug: f.workspace.slug, url: "https://crm.example.org/hook", events: [] }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST" });
    const { id } = await owner.webhooks.create({
      workspaceSlug: f.workspace.slug,
      url: "https://crm.example.org/hook",
      events: ["cycle.closed"],
    });
    const other = await createWorkspaceWithRoles(db);
    expect(await callerFor(db, other.users.owner).webhooks.list({ workspaceSlug: other.workspace.slug })).toEqual([]);
    expect(
      await rejection(callerFor(db, other.users.owner).webhooks.delete({ workspaceSlug: other.workspace.slug, id })),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await rejection(callerFor(db, f.users.editor).webhooks.list({ workspaceSlug: f.workspace.slug })),
    ).toMatchObject({ code: "FORBIDDEN" });
  });

  it("never posts to the machine itself, the private network or the metadata service, even through a host name", async () => {
    const f = await createWorkspaceWithRoles(db);
    const owner = callerFor(db, f.users.owner);
    const ws = f.workspace.slug;
    for (const url of [
      "https://127.0.0.1/hook",
      "https://[::1]/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://10.0.0.8/x",
      "https://100.64.1.1/x",
      "https://[::ffff:127.0.0.1]/x",
      "https://[fd00::1]/x",
      "https://0.0.0.0/x",
      "https://localhost/x",
      "https://user:pw@crm.example.org/x",
    ]) {
      expect(
        await rejection(owner.webhooks.create({ workspaceSlug: ws, url, events: ["alliance.created"] })),
        url,
      ).toMatchObject({ code: "BAD_REQUEST" });
    }

    // A host name that resolves to loopback passes creation, but no delivery connects to it.
    const connections: string[] = [];
    const trap = createNetServer((socket) => {
      connections.push(socket.remoteAddress ?? "?");
      socket.destroy();
    });
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
    const port = (trap.address() as AddressInfo).port;
    try {
      await owner.webhooks.create({
        workspaceSlug: ws,
        url: `https://rebind.example.test:${port}/hook`,
        events: ["alliance.created"],
      });
      await owner.alliances.create({ workspaceSlug: ws, ...allianceInput() });
      const at = Date.now() + 1000;
      await dispatchWebhooks(db, {
        now: () => at,
        limit: 100,
        resolve: async () => [{ address: "127.0.0.1", family: 4 }],
      });
      const log = (await owner.webhooks.list({ workspaceSlug: ws }))[0]!.deliveries;
      expect(log[0]).toMatchObject({ status: "pending", lastStatusCode: null });
      expect(log[0]!.lastError).toContain("127.0.0.1, which is not a public address");
      expect(connections).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => trap.close(() => resolve()));
    }
  });
});
