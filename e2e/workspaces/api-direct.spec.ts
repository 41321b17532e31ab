import { expect, test } from "../fixtures/test";

const call = (path: string, input: unknown) =>
  `/api/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`;

test("the production server answers the API itself once Next.js loaded it: same answers, headers, compression and refusals", async ({
  browser,
  request,
  signInAs,
  workspaceOwnedBy,
}) => {
  const context = await browser.newContext();
  const user = await signInAs(context);
  const slug = await workspaceOwnedBy(user, "Espace de l'API directe");
  const api = context.request;
  // The first call may still go through Next.js (which loads the route); the next ones do not.
  await expect
    .poll(async () => (await api.get(call("workspaces.ping", { workspaceSlug: slug }))).headers()["x-maillage-route"])
    .toBe("direct");

  const ping = await api.get(call("workspaces.ping", { workspaceSlug: slug }));
  expect(ping.status()).toBe(200);
  expect(await ping.json()).toEqual([{ result: { data: expect.anything() } }]);
  const headers = ping.headers();
  expect(headers["content-type"]).toContain("application/json");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["vary"]).toContain("Accept-Encoding");

  // A larger answer is compressed for a client that accepts it.
  const frame = await api.get(call("workspaces.frame", { workspaceSlug: slug }), {
    headers: { "accept-encoding": "gzip" },
  });
  expect(frame.status()).toBe(200);
  expect(frame.headers()["content-encoding"]).toBe("gzip");
  expect(JSON.stringify(await frame.json())).toContain("Espace de l'API directe");

  // A mutation: its body is read, and it is done.
  const read = await api.post("/api/trpc/notifications.markAllRead?batch=1", {
    data: { 0: { workspaceSlug: slug } },
    headers: { "content-type": "application/json" },
  });
  expect(read.status()).toBe(200);
  expect(read.headers()["x-maillage-route"]).toBe("direct");

  // Refusals are the handler's own: another site's page, a stranger, a bad input.
  const foreign = await api.post("/api/trpc/notifications.markAllRead?batch=1", {
    data: { 0: { workspaceSlug: slug } },
    headers: { "content-type": "application/json", origin: "https://elsewhere.example" },
  });
  expect(foreign.status()).toBe(403);
  const stranger = await request.get(call("workspaces.ping", { workspaceSlug: slug }), {
    headers: { "accept-language": "fr" },
  });
  expect(stranger.headers()["x-maillage-route"]).toBe("direct");
  expect(stranger.status()).toBe(401);
  const bad = await api.get(call("workspaces.ping", {}), { headers: { "accept-language": "en" } });
  expect(bad.status()).toBe(400);
  expect(await bad.text()).toContain("Some fields need correcting");
  await context.close();
});
