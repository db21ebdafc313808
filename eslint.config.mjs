import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The product never loads the Stripe emulator (a separate package, for scripts and tests) nor the tests'
// support code under test/. Its own tests, beside the code, may use both.
const PRODUCT_BOUNDARY = [
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
];

// lib/ is plain TypeScript on web Request/Response; Next's APIs stay in app/ (routes pass them in).
// lib/auth is the next-auth integration (its options, redirect() for pages, cookies() on sign-in).
const PLAIN_LIB = [
  {
    group: ["next", "next/*"],
    message: "lib/ takes and returns plain Request/Response; use next/* in app/ and pass it in.",
  },
];

const restrict = (patterns) => ({ "no-restricted-imports": ["error", { patterns }] });
const TESTS = "**/*.test.{ts,tsx}";

// In flat config a later block's rule replaces an earlier one's for the files both match: each block below
// states every pattern that holds for its files.
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
    files: [
      "lib/**/*.{ts,tsx}",
      "app/**/*.{ts,tsx}",
      "components/**/*.{ts,tsx}",
      "embed/**/*.{ts,tsx}",
      "instrumentation.ts",
      "proxy.ts",
    ],
    ignores: [TESTS],
    rules: restrict(PRODUCT_BOUNDARY),
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: [TESTS, "lib/auth/**"],
    rules: restrict([...PRODUCT_BOUNDARY, ...PLAIN_LIB]),
  },
  {
    files: [TESTS.replace("**", "lib/**")],
    ignores: ["lib/auth/**"],
    rules: restrict(PLAIN_LIB),
  },
  {
    // The emulator stands alone: nothing from the app (lib/, generated/, test/…).
    files: ["packages/stripe-emulator/**/*.ts"],
    rules: restrict([
      {
        regex: "^@/|^(\\.\\./)+(lib|generated|test|app|components|scripts)(/|$)",
        message: "The Stripe emulator must not depend on the app.",
      },
    ]),
  },
];

export default config;
