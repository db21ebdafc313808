import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "generated/**",
      "node_modules/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    // The product never loads the Stripe emulator (a separate package, for scripts and tests) nor the tests'
    // support code under test/. Its own tests, beside the code, may use both.
    files: [
      "lib/**/*.{ts,tsx}",
      "app/**/*.{ts,tsx}",
      "components/**/*.{ts,tsx}",
      "embed/**/*.{ts,tsx}",
      "instrumentation.ts",
      "proxy.ts",
    ],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@reader-revenue/stripe-emulator", "@reader-revenue/stripe-emulator/*"],
              message: "The app never imports the Stripe emulator: it talks to it over HTTP.",
            },
            {
              regex: "(^|/)packages/",
              message: "Workspace packages are imported by their package name, and not by the app.",
            },
            {
              regex: "^(@/|(\\.\\./)+)test/",
              message: "test/ is support code for tests, never imported by the product.",
            },
          ],
        },
      ],
    },
  },
  {
    // The emulator stands alone: nothing from the app (lib/, generated/, test/…).
    files: ["packages/stripe-emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/|^(\\.\\./)+(lib|generated|test|app|components|scripts)(/|$)",
              message: "The Stripe emulator must not depend on the app.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
