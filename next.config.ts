import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { SECURITY_HEADERS } from "./server/http/security-headers";

const nextConfig: NextConfig = {
  serverExternalPackages: [
    "@electric-sql/pglite",
    "postgres",
    "pino",
    "@etalab/decoupage-administratif",
    "@react-pdf/renderer",
    "exceljs",
    "pg-boss",
  ],
  poweredByHeader: false,
  // The Content-Security-Policy of pages is set per request, with a nonce, by the server script
  // (server/http/content-security.ts), which also adds these headers to the API answers it serves
  // itself (server/http/direct-routes.ts).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default createNextIntlPlugin("./server/i18n/request.ts")(nextConfig);
