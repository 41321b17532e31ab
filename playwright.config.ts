import { defineConfig } from "@playwright/test";

const PORT = 3100;
export const E2E_BASE_URL = `http://localhost:${PORT}`;
export const E2E_SMTP_PORT = 2599;
/** The local OpenID provider (scripts/oidc/serve.ts) the app signs in with as ProConnect and as the generic provider. */
export const E2E_OIDC_PORT = 3999;
const OIDC_ISSUER = `http://127.0.0.1:${E2E_OIDC_PORT}`;

if (!process.env.DATABASE_URL) {
  throw new Error("The browser suite needs PostgreSQL: set DATABASE_URL (see README, 'Tests').");
}

/**
 * Runs against a production build (`next build` first) served by `next start`, in Debian's
 * Chromium (scripts/serve.ts, the server `npm start` runs). Emails go to a local SMTP server started by global setup (e2e/fixtures/mailbox.ts).
 */
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  reporter: [["list"]],
  outputDir: ".e2e/results",
  globalSetup: "./e2e/fixtures/global-setup.ts",
  use: {
    baseURL: E2E_BASE_URL,
    locale: "fr-FR",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `node --import tsx scripts/oidc/serve.ts --port ${E2E_OIDC_PORT} --app-url ${E2E_BASE_URL}`,
      url: `${OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
    {
      command: `node --import tsx scripts/prepare.ts && node --import tsx scripts/serve.ts --port ${PORT}`,
      url: `${E2E_BASE_URL}/signin`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      env: {
        DATABASE_URL: process.env.DATABASE_URL,
        AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
        APP_URL: E2E_BASE_URL,
        EMAIL_SERVER: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
        EMAIL_FROM: "Maillage <no-reply@maillage.test>",
        DEMO_SIGN_IN: "true",
        OPERATOR_EMAILS: "operateur@e2e.maillage.test,verificateur@e2e.maillage.test",
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
        PROCONNECT_ISSUER: OIDC_ISSUER,
        PROCONNECT_CLIENT_ID: "maillage-local",
        PROCONNECT_CLIENT_SECRET: "maillage-local-secret-not-for-production",
        OIDC_ISSUER,
        OIDC_CLIENT_ID: "maillage-local-sso",
        OIDC_CLIENT_SECRET: "maillage-local-sso-secret-not-for-production",
        OIDC_NAME: "SSO de test",
        METRICS_TOKEN: "e2e-metrics-token-0123456789",
      },
    },
  ],
});
