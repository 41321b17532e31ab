import { expect, test } from "../fixtures/test";

test("the API refuses an oversized body before reading it, and a wrong content type, in the caller's language", async ({
  request,
}) => {
  const big = "x".repeat(2 * 1024 * 1024);
  const tooLarge = await request.post("/api/trpc/workspaces.create", {
    data: big,
    headers: { "content-type": "application/json", "accept-language": "fr" },
  });
  expect(tooLarge.status()).toBe(413);
  expect(await tooLarge.text()).toContain("La requête est trop volumineuse (au plus 1 Mo)");
  const apiTooLarge = await request.post("/api/v1/alliances", {
    data: big,
    headers: { "content-type": "application/json", "accept-language": "en" },
  });
  expect(apiTooLarge.status()).toBe(413);
  expect(await apiTooLarge.text()).toContain("The request is too large");

  const wrongType = await request.post("/api/trpc/workspaces.create", {
    data: "nom=Asso",
    headers: { "content-type": "text/plain", "accept-language": "fr" },
  });
  expect(wrongType.status()).toBe(415);
  expect(await wrongType.text()).toContain("Envoyez la requête en JSON");

  // A spoofed X-Request-Id is not echoed; a well-formed one is.
  const spoofed = await request.get("/api/v1/alliances", { headers: { "x-request-id": "<script>alert(1)</script>" } });
  expect(spoofed.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const traced = await request.get("/api/v1/alliances", { headers: { "x-request-id": "trace-42.abc" } });
  expect(traced.headers()["x-request-id"]).toBe("trace-42.abc");
});
