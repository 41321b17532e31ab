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
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
];

export default config;
