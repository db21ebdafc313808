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
    // lib/ is plain TypeScript on web Request/Response; Next's APIs stay in app/ (routes pass them in).
    // lib/auth is the next-auth integration (its options, redirect() for pages, cookies() on sign-in).
    files: ["lib/**"],
    ignores: ["lib/auth/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["next", "next/*"],
              message:
                "lib/ takes and returns plain Request/Response; use next/* in app/ and pass it in.",
            },
          ],
        },
      ],
    },
  },
];

export default config;
