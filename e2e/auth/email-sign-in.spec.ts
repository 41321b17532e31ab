import { request as httpRequest } from "node:http";
import { E2E_BASE_URL } from "../../playwright.config";
import { SIGN_IN_LIMITS } from "../../server/auth/rate-limit";
import { uniq } from "../../tests/factories";
import { linkFromMail } from "../fixtures/mailbox";
import { expect, expectAccessible, test } from "../fixtures/test";

test("a person signs in with the link sent by email, then signs out", async ({ page }) => {
  const email = `${uniq("signin")}@example.org`;
  await page.goto("/signin");
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir le lien de connexion" }).click();
  await expect(page.getByTestId("check-email")).toBeVisible();
  await expectAccessible(page);

  const link = await linkFromMail(email, /http:\/\/localhost:3100\/api\/auth\/callback\/email\?[^\s"<]+/);
  await page.goto(link);
  await expect(page).toHaveURL(/\/workspaces$/);
  await expect(page.getByTestId("signed-in-as")).toContainText(email);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/workspaces");
  await expect(page).toHaveURL(/\/signin/);
});

test("a wrong address is refused with a readable message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Adresse e-mail").fill("pas-une-adresse");
  await page.getByRole("button", { name: "Recevoir le lien de connexion" }).click();
  await expect(page.getByText("Saisissez une adresse e-mail valide")).toBeVisible();
  await expect(page.getByLabel("Adresse e-mail")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});

test("demo mode offers one-click sign-in as each persona", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: /Entrer comme Julien Bernard/ }).click();
  await expect(page).toHaveURL(/\/w\/boulangeries-du-val$/);
  await expect(page.getByTestId("current-workspace")).toHaveText("Boulangeries Coopératives du Val");
  await expect(page.getByTestId("my-role")).toHaveText("Propriétaire");
  await expectAccessible(page);
});

/** One HTTP request to the app from a chosen loopback address (its own sign-in rate-limit bucket). */
function fromAddress(
  localAddress: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<{ status: number; location: string | null; cookies: string[]; body: string }>(
    (resolve, reject) => {
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port: new URL(E2E_BASE_URL).port,
          path,
          method: init.method ?? "GET",
          headers: { host: new URL(E2E_BASE_URL).host, ...init.headers },
          localAddress,
        },
        (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              location: (res.headers.location as string | undefined) ?? null,
              cookies: res.headers["set-cookie"] ?? [],
              body,
            }),
          );
        },
      );
      req.on("error", reject);
      req.end(init.body);
    },
  );
}

test("a client rotating X-Forwarded-For still gets at most 30 sign-in emails per address it connects from", async () => {
  // The limits count in fixed 15-minute windows (server/auth/rate-limit.ts): 31 requests that
  // straddle the end of a window start counting again, as they should: in CI they once did, at 17:30:00.
  // Start well inside a window.
  const windowMs = SIGN_IN_LIMITS.perIp.windowMs;
  const toWindowEnd = windowMs - (Date.now() % windowMs);
  if (toWindowEnd < 30_000) await new Promise((resolve) => setTimeout(resolve, toWindowEnd + 1_000));
  const source = `127.0.0.${10 + Math.floor(Math.random() * 200)}`;
  const csrf = await fromAddress(source, "/api/auth/csrf");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = csrf.cookies.map((c) => c.split(";")[0]).join("; ");
  const outcomes: string[] = [];
  for (let i = 0; i < 31; i++) {
    const answer = await fromAddress(source, "/api/auth/signin/email", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie,
        "x-forwarded-for": `198.51.100.${i + 1}`,
        "x-real-ip": `198.51.100.${i + 1}`,
      },
      body: new URLSearchParams({
        csrfToken,
        email: `${uniq("rotation")}@example.org`,
        callbackUrl: `${E2E_BASE_URL}/workspaces`,
      }).toString(),
    });
    outcomes.push(answer.location ?? String(answer.status));
  }
  expect(outcomes.slice(0, 30).every((o) => o.includes("/api/auth/verify-request"))).toBe(true);
  expect(outcomes[30]).toContain("error=RateLimited");
});

test("pages carry a Content-Security-Policy with a fresh nonce on every script, and injected markup does not run", async ({
  page,
}) => {
  const first = await page.goto("/signin");
  const policy = first!.headers()["content-security-policy"] ?? "";
  const scripts = policy.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  expect(scripts).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  expect(scripts).not.toContain("unsafe-inline");
  const second = await page.goto("/signin");
  expect(second!.headers()["content-security-policy"]).not.toBe(policy);
  // The page still works: its scripts carry the nonce (the demo button signs in).
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  // Every script Next.js rendered carries this response's nonce.
  const html = await (await page.request.get("/signin")).text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.filter((tag) => !/\snonce="[^"]+"/.test(tag))).toEqual([]);
  // Injected markup does not run: an inline event handler (an HTML injection's usual way in) is blocked.
  const ran = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
    const holder = document.createElement("div");
    holder.innerHTML = '<button id="injected" onclick="window.__injected = true">x</button>';
    document.body.appendChild(holder);
    (document.getElementById("injected") as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, 100));
    holder.remove();
    return { injected: (window as unknown as { __injected?: boolean }).__injected === true, violations };
  });
  expect(ran.injected).toBe(false);
  expect(ran.violations.join(" ")).toContain("script-src");
  await page.getByRole("button", { name: /Entrer comme Julien Bernard/ }).click();
  await expect(page).toHaveURL(/\/w\/boulangeries-du-val$/);
});
