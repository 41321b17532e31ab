import { parseArgs } from "node:util";
import { startOidcProvider } from "./provider";

/**
 * A local OpenID provider that behaves like ProConnect (see provider.ts), for development and the
 * browser suite. It registers two clients for the app at --app-url: "maillage-local" for
 * ProConnect (signed userinfo, acr) and "maillage-local-sso" for the generic provider.
 *
 *   npm run oidc:local                       # http://127.0.0.1:3999, app at http://localhost:3000
 *   npm run oidc:local -- --port 4000 --app-url http://localhost:3100
 */
const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.OIDC_LOCAL_PORT ?? "3999" },
    "app-url": { type: "string", default: process.env.APP_URL ?? "http://localhost:3000" },
  },
});

export const LOCAL_CLIENTS = {
  proconnect: { clientId: "maillage-local", clientSecret: "maillage-local-secret-not-for-production" },
  oidc: { clientId: "maillage-local-sso", clientSecret: "maillage-local-sso-secret-not-for-production" },
};

const appUrl = values["app-url"]!.replace(/\/$/, "");
const provider = await startOidcProvider({
  port: Number(values.port),
  clients: [
    { ...LOCAL_CLIENTS.proconnect, appUrl, providerId: "proconnect", signedUserinfo: true },
    { ...LOCAL_CLIENTS.oidc, appUrl, providerId: "oidc", signedUserinfo: false },
  ],
});

console.log(`Local OpenID provider (ProConnect-like) at ${provider.issuer}, for the app at ${appUrl}. Start the app with:
  PROCONNECT_ISSUER=${provider.issuer} PROCONNECT_CLIENT_ID=${LOCAL_CLIENTS.proconnect.clientId} PROCONNECT_CLIENT_SECRET=${LOCAL_CLIENTS.proconnect.clientSecret}
  OIDC_ISSUER=${provider.issuer} OIDC_CLIENT_ID=${LOCAL_CLIENTS.oidc.clientId} OIDC_CLIENT_SECRET=${LOCAL_CLIENTS.oidc.clientSecret} OIDC_NAME="SSO de test"
At its sign-in page, type an email, or "email;SIRET" to act for an establishment.`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void provider.close().then(() => process.exit(0)));
}
