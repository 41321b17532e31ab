import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, answerOf, keptPageLocale, PublicPages, type RenderedPage } from "@/server/http/public-pages";

const RENDER = "x-maillage-render";
const ask = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ method, url, headers });

describe("which requests get a kept page", () => {
  it("keeps the observatory's pages for an anonymous visitor, in their language", () => {
    expect(keptPageLocale(ask("/observatoire"), RENDER)).toBe("fr");
    expect(keptPageLocale(ask("/observatoire/regions/84", { "accept-language": "en-GB,en;q=0.8" }), RENDER)).toBe("en");
    expect(keptPageLocale(ask("/observatoire/odd/17", { cookie: "NEXT_LOCALE=en" }), RENDER)).toBe("en");
    expect(keptPageLocale(ask("/observatoire/donnees", {}, "HEAD"), RENDER)).toBe("fr");
    expect(keptPageLocale(ask("/observatoire/regions/976"), RENDER)).toBe("fr");
  });

  it("keeps the map, the état des lieux and the open-data files with their query strings", () => {
    expect(keptPageLocale(ask("/observatoire/carte?region=84"), RENDER)).toBe("fr");
    expect(keptPageLocale(ask("/observatoire/etat-des-lieux?scope=goal&code=17"), RENDER)).toBe("fr");
    expect(keptPageLocale(ask("/api/observatoire"), RENDER)).toBe("fr");
    expect(keptPageLocale(ask("/api/observatoire/target?format=csv&download=1"), RENDER)).toBe("fr");
    expect(keptPageLocale(ask("/api/observatoire/departement", { "accept-language": "en" }), RENDER)).toBe("en");
    expect(keptPageLocale(ask("/api/observatoire/target?format=<script>"), RENDER)).toBeNull();
    expect(keptPageLocale(ask(`/api/observatoire/target?${"a".repeat(201)}`), RENDER)).toBeNull();
    expect(keptPageLocale(ask("/api/trpc/observatory.get"), RENDER)).toBeNull();
  });

  it("renders as usual a signed-in visitor, a query string, another page, a write, or the render itself", () => {
    expect(
      keptPageLocale(ask("/observatoire", { cookie: "NEXT_LOCALE=fr; maillage.session-token=abc" }), RENDER),
    ).toBeNull();
    expect(keptPageLocale(ask("/observatoire", { cookie: "__Secure-maillage.session-token=abc" }), RENDER)).toBeNull();
    expect(keptPageLocale(ask("/observatoire?region=84"), RENDER)).toBeNull();
    expect(keptPageLocale(ask("/observatoire/odd/18"), RENDER)).toBeNull();
    expect(keptPageLocale(ask("/observatoire/regions/84/x"), RENDER)).toBeNull();
    expect(keptPageLocale(ask("/observatoire/regions"), RENDER)).toBeNull();
    expect(keptPageLocale(ask("/w/demo"), RENDER)).toBeNull();
    expect(keptPageLocale(ask("/observatoire", {}, "POST"), RENDER)).toBeNull();
    expect(keptPageLocale(ask("/observatoire", { [RENDER]: "1" }), RENDER)).toBeNull();
  });
});

function html(text: string, status = 200, extra: Record<string, string> = {}): RenderedPage {
  return {
    status,
    headers: new Headers({
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "script-src 'nonce-abc'",
      "cache-control": "private, no-store",
      "content-length": String(text.length),
      ...extra,
    }),
    body: Buffer.from(text),
  };
}

describe("kept pages", () => {
  function setUp(renderOf: (path: string, locale: string, n: number) => RenderedPage) {
    const state = { stamp: "2026-12-01T00:00:00.000Z" as string | null, renders: [] as string[], stampReads: 0 };
    const pages = new PublicPages({
      stamp: async () => {
        state.stampReads++;
        return state.stamp;
      },
      render: async (path, locale) => {
        state.renders.push(`${locale} ${path}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return renderOf(path, locale, state.renders.length);
      },
      max: 3,
      stampMaxAgeMs: 0,
    });
    return { pages, state };
  }

  it("renders a page once per language and per date of the figures, then answers it as kept", async () => {
    const { pages, state } = setUp((path, locale, n) => html(`<p>${locale} ${path} #${n}</p>`));
    const first = await pages.page("/observatoire", "fr");
    expect(first.kept).toBe(false);
    const again = await pages.page("/observatoire", "fr");
    expect(again.kept).toBe(true);
    expect(again.page.body.toString()).toBe("<p>fr /observatoire #1</p>");
    const english = await pages.page("/observatoire", "en");
    expect(english.kept).toBe(false);
    expect(english.page.body.toString()).toBe("<p>en /observatoire #2</p>");
    // New figures: the page is rendered again.
    state.stamp = "2026-12-01T01:00:00.000Z";
    const fresh = await pages.page("/observatoire", "fr");
    expect(fresh.kept).toBe(false);
    expect(fresh.page.body.toString()).toBe("<p>fr /observatoire #3</p>");
    expect(state.renders).toEqual(["fr /observatoire", "en /observatoire", "fr /observatoire"]);
    expect(pages.size).toBe(1);
  });

  it("renders once for many requests arriving together, and reads the figures' date once for them", async () => {
    const { pages, state } = setUp((path, locale) => html(`<p>${locale} ${path}</p>`));
    const answers = await Promise.all(Array.from({ length: 8 }, () => pages.page("/observatoire/odd/3", "fr")));
    expect(state.renders).toEqual(["fr /observatoire/odd/3"]);
    expect(state.stampReads).toBe(1);
    expect(new Set(answers.map((a) => a.page.body.toString()))).toEqual(new Set(["<p>fr /observatoire/odd/3</p>"]));
  });

  it("keeps a missing page but not an error, nor a page that sets a cookie", async () => {
    const statuses: Record<string, RenderedPage> = {
      "/observatoire/regions/99": html("introuvable", 404),
      "/observatoire/regions/84": html("panne", 500),
      "/observatoire/odd/4": html("cookie", 200, { "set-cookie": "a=b" }),
    };
    const { pages, state } = setUp((path) => statuses[path]!);
    for (const path of Object.keys(statuses)) {
      await pages.page(path, "fr");
      await pages.page(path, "fr");
    }
    expect(state.renders).toEqual([
      "fr /observatoire/regions/99",
      "fr /observatoire/regions/84",
      "fr /observatoire/regions/84",
      "fr /observatoire/odd/4",
      "fr /observatoire/odd/4",
    ]);
  });

  it("does not keep a page whose render began under figures that changed meanwhile", async () => {
    const releases: Array<() => void> = [];
    const renders: string[] = [];
    const state = { stamp: "one" };
    const pages = new PublicPages({
      stampMaxAgeMs: 0,
      stamp: async () => state.stamp,
      render: async (path) => {
        renders.push(path);
        await new Promise<void>((resolve) => releases.push(resolve));
        return html(path);
      },
    });
    const pending = pages.page("/observatoire", "fr");
    await new Promise((resolve) => setTimeout(resolve, 1));
    state.stamp = "two";
    // Another request sees the new date before the first render ends.
    const other = pages.page("/observatoire/donnees", "fr");
    await new Promise((resolve) => setTimeout(resolve, 1));
    releases.forEach((release) => release());
    await Promise.all([pending, other]);
    // Only the page rendered under the new date is kept.
    expect(pages.size).toBe(1);
    expect((await pages.page("/observatoire/donnees", "fr")).kept).toBe(true);
    const again = pages.page("/observatoire", "fr");
    await new Promise((resolve) => setTimeout(resolve, 1));
    releases.forEach((release) => release());
    expect((await again).kept).toBe(false);
    expect(renders).toEqual(["/observatoire", "/observatoire/donnees", "/observatoire"]);
  });

  it("reads the figures' date again once the last read is older than it is told", async () => {
    const state = { stamp: "one", reads: 0 };
    const pages = new PublicPages({
      stampMaxAgeMs: 50,
      stamp: async () => {
        state.reads++;
        return state.stamp;
      },
      render: async (path) => html(`${path} ${state.stamp}`),
    });
    await pages.page("/observatoire", "fr");
    state.stamp = "two";
    // Within the read's life, the kept page still stands.
    expect((await pages.page("/observatoire", "fr")).kept).toBe(true);
    expect(state.reads).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const fresh = await pages.page("/observatoire", "fr");
    expect(fresh.kept).toBe(false);
    expect(fresh.page.body.toString()).toBe("/observatoire two");
    expect(state.reads).toBe(2);
  });

  it("keeps at most as many pages as it is told", async () => {
    const { pages } = setUp((path) => html(path));
    for (const goal of [1, 2, 3, 4]) await pages.page(`/observatoire/odd/${goal}`, "fr");
    expect(pages.size).toBe(3);
    expect((await pages.page("/observatoire/odd/1", "fr")).kept).toBe(false);
    expect((await pages.page("/observatoire/odd/4", "fr")).kept).toBe(true);
  });
});

describe("answering a kept page", () => {
  it("keeps a file's own validators, and sends a PDF as it is", async () => {
    const files: Record<string, RenderedPage> = {
      "/api/observatoire/target?format=csv": {
        status: 200,
        headers: new Headers({
          "content-type": "text/csv; charset=utf-8",
          etag: '"42-target"',
          "cache-control": "public, max-age=300",
          vary: "Origin",
        }),
        body: Buffer.from("# licence\nkey,alliances\n"),
      },
      "/observatoire/etat-des-lieux": {
        status: 200,
        headers: new Headers({ "content-type": "application/pdf" }),
        body: Buffer.from("%PDF-1.7"),
      },
    };
    const pages = new PublicPages({ stamp: async () => "x", render: async (path) => files[path]! });
    const { page: csv } = await pages.page("/api/observatoire/target?format=csv", "fr");
    if (!("gzip" in csv)) throw new Error("the file was not kept");
    const answer = answerOf(
      csv,
      ask("/api/observatoire/target?format=csv", { "accept-encoding": "gzip", "if-none-match": '"old"' }),
    );
    expect(answer.headers.etag).toBe('"42-target"');
    expect(answer.headers["cache-control"]).toBe("public, max-age=300");
    expect(answer.headers.vary).toBe("Origin, Cookie, Accept-Language, Accept-Encoding");
    expect(gunzipSync(answer.body!).toString()).toBe("# licence\nkey,alliances\n");
    expect(answerOf(csv, ask("/api/observatoire/target?format=csv", { "if-none-match": '"42-target"' })).status).toBe(
      304,
    );
    const { page: pdf } = await pages.page("/observatoire/etat-des-lieux", "fr");
    if (!("gzip" in pdf)) throw new Error("the PDF was not kept");
    const sent = answerOf(pdf, ask("/observatoire/etat-des-lieux", { "accept-encoding": "gzip" }));
    expect(sent.headers["content-encoding"]).toBeUndefined();
    expect(sent.body!.toString()).toBe("%PDF-1.7");
  });

  it("gives the render's policy, its own validators, gzip when asked, and 304 to a browser that has it", async () => {
    const pages = new PublicPages({ stamp: async () => "x", render: async () => html("<html>figures</html>") });
    const { page } = await pages.page("/observatoire", "fr");
    if (!("gzip" in page)) throw new Error("the page was not kept");
    const plain = answerOf(page, ask("/observatoire"));
    expect(plain.status).toBe(200);
    expect(plain.body!.toString()).toBe("<html>figures</html>");
    expect(plain.headers["content-security-policy"]).toBe("script-src 'nonce-abc'");
    expect(plain.headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
    expect(plain.headers["content-length"]).toBe("20");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.etag).toMatch(/^"[\w-]+"$/);

    const gzip = answerOf(page, ask("/observatoire", { "accept-encoding": "br, gzip" }));
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body!).toString()).toBe("<html>figures</html>");

    const notModified = answerOf(page, ask("/observatoire", { "if-none-match": `"other", ${page.headers.etag}` }));
    expect(notModified.status).toBe(304);
    expect(notModified.body).toBeNull();

    const head = answerOf(page, ask("/observatoire", {}, "HEAD"));
    expect(head.body).toBeNull();
    expect(head.headers["content-length"]).toBe("20");
  });

  it("reads Accept-Encoding as HTTP does", () => {
    expect(acceptsGzip("gzip, deflate")).toBe(true);
    expect(acceptsGzip("GZIP;q=0.5")).toBe(true);
    expect(acceptsGzip("*")).toBe(true);
    expect(acceptsGzip("gzip;q=0, br")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});
