import { describe, expect, it } from "vitest";
import { pagePolicy } from "../../server/http/content-security";

const nonceOf = (policy: string | null) => /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];

describe("a page's Content-Security-Policy", () => {
  it("gives every page view its own nonce, scripts only with it", () => {
    const first = pagePolicy("/w/atelier/alliances?stage=pilotage", {}, false);
    const second = pagePolicy("/w/atelier/alliances?stage=pilotage", {}, false);
    expect(nonceOf(first)).toBeTruthy();
    expect(nonceOf(second)).toBeTruthy();
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    expect(first).toContain("'strict-dynamic'");
    expect(first).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(first).not.toContain("'unsafe-eval'");
    expect(first).toContain("frame-ancestors 'none'");
    expect(pagePolicy("/", {}, false)).toContain("default-src 'self'");
  });

  it("allows eval only to the development server (its hot reload)", () => {
    expect(pagePolicy("/signin", {}, true)).toMatch(/script-src [^;]*'unsafe-eval'/);
  });

  it("leaves the API, build files, icons and router prefetches alone", () => {
    for (const url of ["/api/trpc/workspaces.ping", "/_next/static/chunks/a.js", "/favicon.ico", "/robots.txt"])
      expect(pagePolicy(url, {}, false)).toBeNull();
    expect(pagePolicy("/w/atelier", { "next-router-prefetch": "1" }, false)).toBeNull();
    expect(pagePolicy("/w/atelier", { purpose: "prefetch" }, false)).toBeNull();
  });
});
