import { Auth, type AuthConfig } from "@auth/core";
import { explainRefusal } from "../../server/auth/oidc";

/** A cookie jar: what a browser keeps for one site (paths and expiry simplified to name and value). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  take(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
      if (expired || value.join("=") === "") this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join("="));
    }
  }
}

/** The app side of a browser: requests go straight to Auth.js (@auth/core) as Next.js would send them. */
export function appBrowser(origin: string, config: () => AuthConfig) {
  const jar = new CookieJar();
  return {
    jar,
    async fetch(path: string, init: RequestInit = {}) {
      const headers = new Headers(init.headers);
      headers.set("cookie", jar.header());
      const request = new Request(path.startsWith("http") ? path : `${origin}${path}`, { ...init, headers });
      const response = await explainRefusal(() => Auth(request, config()));
      jar.take(response);
      return response;
    },
  };
}

/** The provider side of the same browser: follows its redirects, fills its sign-in form, stops at the app. */
export async function throughProvider(
  start: string,
  login: string,
  appOrigin: string,
  jar = new CookieJar(),
): Promise<string> {
  let url = start;
  let method = "GET";
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(appOrigin)) return url;
    const response = await fetch(url, {
      method,
      body,
      redirect: "manual",
      headers: { cookie: jar.header(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    });
    jar.take(response);
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url).toString();
      method = "GET";
      body = undefined;
      continue;
    }
    const html = await response.text();
    const form = /<form method="post" action="([^"]+)">/.exec(html);
    if (!form || !html.includes('name="login"'))
      throw new Error(`unexpected provider page (${response.status}): ${html.slice(0, 300)}`);
    url = new URL(form[1]!, url).toString();
    method = "POST";
    body = new URLSearchParams({ login }).toString();
  }
  throw new Error("too many redirects at the provider");
}

/** Posts the provider's logout form (what its page does by itself in a browser) and returns where it sends the user. */
export async function confirmProviderLogout(
  endSessionUrl: string,
  jar: CookieJar,
): Promise<{ status: number; location: string | null }> {
  const page = await fetch(endSessionUrl, { redirect: "manual", headers: { cookie: jar.header() } });
  jar.take(page);
  if (page.status !== 200) return { status: page.status, location: page.headers.get("location") };
  const html = await page.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html);
  const fields = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\s*\/?>/g)].map(
    (m) => [m[1]!, m[2]!] as [string, string],
  );
  if (!action) throw new Error(`no logout form at the provider: ${html.slice(0, 300)}`);
  const target = new URL(action[1]!, endSessionUrl).toString();
  const done = await fetch(target, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  jar.take(done);
  return { status: done.status, location: done.headers.get("location") };
}
