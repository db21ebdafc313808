import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { createSupporter, sessionCookie } from "./fixtures/auth";
import { uniqueEmail } from "./fixtures/db";

/**
 * Every staff page and staff API found in the app directory, requested signed out and as a reader: each must
 * answer with a redirect to sign-in or 401/403, never the content. A new route is picked up automatically.
 */
function routesUnder(dir: string, file: "page.tsx" | "route.ts"): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === file) out.push(d);
    }
  };
  walk(dir);
  return out.map(
    (d) =>
      `/${path
        .relative("app", d)
        .split(path.sep)
        .filter((seg) => !/^\(.*\)$/.test(seg)) // route groups are not in the URL
        .map((seg) => (/^\[.*\]$/.test(seg) ? "some-id" : seg))
        .join("/")}`,
  );
}

/** The HTTP methods a route file exports (GET, POST, …): each one is checked. */
function methodsOf(url: string): Array<"GET" | "POST" | "PUT" | "PATCH" | "DELETE"> {
  const source = readFileSync(path.join("app", url, "route.ts"), "utf8");
  const methods = [
    ...source.matchAll(
      /export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g,
    ),
  ].map((m) => m[1]!);
  const reexported = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap(
    (m) => m[1]!.match(/\b(GET|POST|PUT|PATCH|DELETE)\b/g) ?? [],
  );
  return [...new Set([...methods, ...reexported])] as Array<
    "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  >;
}

const staffPages = routesUnder("app/(staff)", "page.tsx");
const staffApis = routesUnder("app/api/staff", "route.ts");
const readerPages = routesUnder("app/(reader)", "page.tsx");

test("the enumeration finds the dashboard's pages and APIs", () => {
  expect(staffPages).toEqual(
    expect.arrayContaining([
      "/dashboard",
      "/dashboard/supporters",
      "/dashboard/supporters/some-id",
      "/dashboard/staff",
    ]),
  );
  expect(staffApis).toEqual(
    expect.arrayContaining(["/api/staff/export/supporters", "/api/staff/export/payments"]),
  );
  expect(readerPages).toContain("/account");
});

async function expectRefused(
  request: APIRequestContext,
  url: string,
  cookie: string | null,
  method: string = "GET",
) {
  const response = await request.fetch(url, {
    method,
    headers: cookie ? { cookie } : {},
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const status = response.status();
  const location = response.headers()["location"] ?? "";
  const refused =
    [401, 403].includes(status) ||
    ([302, 303, 307, 308].includes(status) && /\/signin/.test(location));
  expect(
    refused,
    `${method} ${url} as ${cookie ? "a reader" : "a visitor"} answered ${status} ${location}`,
  ).toBe(true);
  if (status < 300) expect(await response.text()).not.toContain("@example");
}

test("signed-out visitors are refused everywhere on the dashboard and staff APIs", async ({
  request,
}) => {
  for (const url of [...staffPages, ...readerPages]) await expectRefused(request, url, null);
  for (const url of staffApis) {
    expect(methodsOf(url).length, url).toBeGreaterThan(0);
    for (const method of methodsOf(url)) await expectRefused(request, `${url}?q=a`, null, method);
  }
});

test("signed-in readers are refused everywhere on the dashboard and staff APIs", async ({
  request,
}) => {
  const email = uniqueEmail("reader-access");
  const cookie = await sessionCookie(null, await createSupporter(email), email, "READER");
  // The token below claims STAFF, but the database says READER: the database wins.
  const forged = await sessionCookie(
    null,
    await createSupporter(uniqueEmail("forged")),
    "x@example.com",
    "ADMIN",
  );
  for (const c of [cookie, forged]) {
    for (const url of staffPages) await expectRefused(request, url, c);
    for (const url of staffApis)
      for (const method of methodsOf(url)) await expectRefused(request, url, c, method);
  }
  // Sanity: the same cookie does reach the reader's own page.
  const own = await request.get("/account", { headers: { cookie }, maxRedirects: 0 });
  expect(own.status()).toBe(200);
});

test("staff who are not admins cannot manage staff", async ({ request }) => {
  const email = uniqueEmail("staff-access");
  const cookie = await sessionCookie(null, await createSupporter(email, "STAFF"), email, "STAFF");
  await expectRefused(request, "/dashboard/staff", cookie);
  expect((await request.get("/dashboard", { headers: { cookie }, maxRedirects: 0 })).status()).toBe(
    200,
  );
});
