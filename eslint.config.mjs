import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".data/**",
      ".e2e/**",
      ".bench-framework/**",
      ".drill/**",
      "node_modules/**",
      "next-env.d.ts",
      "db/migrations/**",
    ],
  },
  {
    // Playwright fixtures receive a `use` callback; tests are not React code.
    files: ["e2e/**", "tests/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // The layers, as import boundaries: domain/ holds pure rules and imports nothing of the app.
    files: ["domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/*",
                "../*",
                "!./*",
                "next",
                "next/*",
                "react",
                "react-dom",
                "drizzle-orm",
                "drizzle-orm/*",
                "postgres",
              ],
              message: "domain/ holds pure rules: it imports only other domain/ modules and libraries of pure code.",
            },
          ],
        },
      ],
    },
  },
  {
    // Components read data through procedures: they may import a feature's schemas (validation
    // shared with the server) and the router's types, never a service or the database.
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/server/services/*/*",
                "!@/server/services/*/schemas",
                "**/server/services/*/*",
                "!**/server/services/*/schemas",
              ],
              message:
                "Components never import a service: type props with RouterOutputs (server/trpc/types.ts), validate with the feature's schemas.ts.",
            },
            { regex: "server/services/[^/]+$", message: "Components never import a service module." },
            { group: ["@/db/**", "**/db/**"], message: "Components never import the database layer." },
          ],
        },
      ],
    },
  },
  {
    // Pages and route handlers read and write through procedures (serverCaller), like the
    // browser; the files they send are written by server/files/.
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/server/services/*/*", "!@/server/services/*/schemas"],
              message:
                "Pages call procedures (serverCaller), never a service; files to download are written by server/files/.",
            },
            { regex: "server/services/[^/]+$", message: "Pages never import a service module." },
            { group: ["@/db/**", "**/db/**"], message: "Pages never import the database layer." },
          ],
        },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
];

export default config;
