import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  directRouteFor,
  registerDirectRoute,
  requestUrl,
  serveDirect,
  type DirectHandler,
} from "../../server/http/direct-routes";
import { SECURITY_HEADERS } from "../../server/http/security-headers";

/** What the handler below saw of the last request. */
let seen: { method: string; url: string; body: string; cookie: string | null } | null = null;

const handler: DirectHandler = async (request) => {
  seen = {
    method: request.method,
    url: request.url,
    body: request.method === "GET" || request.method === "HEAD" ? "" : await request.text(),
    cookie: request.headers.get("cookie"),
  };
  const size = Number(new URL(request.url).searchParams.get("size") ?? 10);
  const headers = new Headers({ "content-type": "application/json", vary: "trpc-accept" });
  headers.append("set-cookie", "a=1; Path=/");
  headers.append("set-cookie", "b=2; Path=/");
  if (request.url.includes("fail")) throw new Error("handler failed");
  return new Response(JSON.stringify({ text: "x".repeat(size) }), { status: 207, headers });
};

let server: Server;
let port = 0;

beforeAll(async () => {
  registerDirectRoute("/api/direct-test/", handler);
  server = createServer((req, res) => {
    const direct = directRouteFor(req.url ?? "");
    if (!direct) return res.writeHead(404).end();
    serveDirect(direct, req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A raw request (node:http, so that no client decompresses or adds headers behind our back). */
function ask(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        },
      );
      req.on("error", reject);
      req.end(options.body);
    },
  );
}

describe("API answers served without Next.js's router (server/http/direct-routes.ts)", () => {
  it("makes the request's address from its Host header, or from localhost when that header makes none", () => {
    expect(requestUrl("example.test:3000", "/api/trpc/x?y=1")).toBe("http://example.test:3000/api/trpc/x?y=1");
    expect(requestUrl("bad host", "/api/trpc/x")).toBe("http://localhost/api/trpc/x");
    expect(requestUrl(undefined, "/api/trpc/x")).toBe("http://localhost/api/trpc/x");
  });

  it("finds a handler by its path's prefix, and none for other paths", () => {
    expect(directRouteFor("/api/direct-test/x?y=1")).toBe(handler);
    expect(directRouteFor("/api/other")).toBeNull();
  });

  it("passes the method, the address, the cookies and a POST body, and answers the status and every header", async () => {
    const answer = await ask("/api/direct-test/call?size=3", {
      method: "POST",
      headers: { cookie: "session=abc", "content-type": "application/json", host: "example.test" },
      body: '{"hello":"world"}',
    });
    expect(seen).toEqual({
      method: "POST",
      url: "http://example.test/api/direct-test/call?size=3",
      body: '{"hello":"world"}',
      cookie: "session=abc",
    });
    expect(answer.status).toBe(207);
    expect(JSON.parse(answer.body.toString())).toEqual({ text: "xxx" });
    expect(answer.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.headers["content-length"]).toBe(String(answer.body.byteLength));
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      expect(answer.headers[name.toLowerCase()]).toBe(value);
    expect(answer.headers["vary"]).toBe("trpc-accept, Accept-Encoding");
    expect(answer.headers["x-maillage-route"]).toBe("direct");
  });

  it("compresses a body of 1 kB or more for a client that accepts gzip, and only then", async () => {
    const small = await ask("/api/direct-test/call?size=100", { headers: { "accept-encoding": "gzip" } });
    expect(small.headers["content-encoding"]).toBeUndefined();
    const large = await ask("/api/direct-test/call?size=5000", { headers: { "accept-encoding": "gzip, br" } });
    expect(large.headers["content-encoding"]).toBe("gzip");
    expect(Number(large.headers["content-length"])).toBe(large.body.byteLength);
    expect(JSON.parse(gunzipSync(large.body).toString()).text).toHaveLength(5000);
    const refused = await ask("/api/direct-test/call?size=5000", { headers: { "accept-encoding": "gzip;q=0" } });
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(refused.body.toString()).text).toHaveLength(5000);
  });

  it("answers HEAD without a body, and lets a handler's failure reach the server's own handling", async () => {
    const head = await ask("/api/direct-test/call", { method: "HEAD" });
    expect(head.status).toBe(207);
    expect(head.body.byteLength).toBe(0);
    expect((await ask("/api/direct-test/fail")).status).toBe(500);
  });
});
