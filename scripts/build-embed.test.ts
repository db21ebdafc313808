import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EMBED_BUDGET_BYTES, EMBED_OUTPUT, bundleEmbed, gzipSize } from "./build-embed";

describe("embed.js", () => {
  it("is at most 10 KB gzipped, as built and as the sources build now", async () => {
    const fresh = await bundleEmbed();
    expect(gzipSize(fresh)).toBeLessThanOrEqual(EMBED_BUDGET_BYTES);
    if (existsSync(EMBED_OUTPUT))
      expect(gzipSize(readFileSync(EMBED_OUTPUT, "utf8"))).toBeLessThanOrEqual(EMBED_BUDGET_BYTES);
  });

  it("loads no framework and reads no server configuration", async () => {
    const code = await bundleEmbed();
    expect(code).not.toMatch(/react|__NEXT|process\.env/i);
  });
});
