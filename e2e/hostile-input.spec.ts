import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import Stripe from "stripe";
import { APP_URL, SECRETS } from "../playwright.config";
import { createSupporter, sessionCookie } from "./fixtures/auth";
import { query, uniqueEmail } from "./fixtures/db";
import { emulatorPost } from "./fixtures/emulator";

/**
 * Malformed and hostile input at every public endpoint of the built app: oversized bodies, wrong content types,
 * invalid JSON, injection strings, unicode edge cases, odd numbers, arrays and objects where strings belong,
 * forged cookies. Each answer must be a 4xx (a page may instead show its form with a message; a no-JavaScript
 * form post may instead go back to its form), never a 5xx, never an open redirect, never our own markup made
 * of the attacker's; and the database must be exactly as before (row count and content hash of every table).
 *
 * Every route handler (app/**\/route.ts, each exported method) and every page (app/**\/page.tsx) is found on
 * disk; the first test fails when one has no entry in ROUTES or PAGES below, so a new endpoint cannot be
 * forgotten.
 */

// ---------------------------------------------------------------------------------------------------------
// The app's endpoints, found on disk.

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" | "HEAD";

function filesNamed(dir: string, file: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesNamed(full, file));
    else if (name === file) out.push(full);
  }
  return out;
}

/** app/(staff)/dashboard/supporters/[id]/page.tsx → /dashboard/supporters/[id] */
function urlOf(file: string): string {
  const segments = path
    .relative("app", path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

function methodsOf(file: string): Method[] {
  const source = readFileSync(file, "utf8");
  const direct = [
    ...source.matchAll(
      /export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD)\b/g,
    ),
  ].map((m) => m[1]!);
  const reexported = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap(
    (m) => m[1]!.match(/\b(GET|POST|PUT|PATCH|DELETE|OPTIONS|HEAD)\b/g) ?? [],
  );
  return [...new Set([...direct, ...reexported])] as Method[];
}

const routeKeys = filesNamed("app", "route.ts")
  .flatMap((file) => methodsOf(file).map((method) => `${method} ${urlOf(file)}`))
  .sort();
const pageUrls = filesNamed("app", "page.tsx").map(urlOf).sort();

// ---------------------------------------------------------------------------------------------------------
// Hostile values.

/** Strings that should never be accepted where a closed set of values, a number or an id is expected. */
const HOSTILE: Record<string, string> = {
  "sql quote": "' OR '1'='1",
  "sql drop": `'; DROP TABLE "Supporter"; --`,
  "sql sleep": "1; SELECT pg_sleep(10)--",
  "sql union": `x' UNION SELECT email FROM "Supporter"--`,
  "html script": "<script>alert(1)</script>",
  "html attribute": `"><img src=x onerror=alert(1)>`,
  "javascript url": "javascript:alert(1)",
  "header crlf": "a\r\nSet-Cookie: injected=1",
  "encoded crlf": "%0d%0aSet-Cookie:%20injected=1",
  "rtl override": "\u202Egnp.exe",
  "zero width": "US\u200BD",
  bom: "\uFEFFUSD",
  "lone surrogate": "\uD800",
  nul: "a\u0000b",
  "only nul": "\u0000",
  "control chars": "\u0001\u0007\u001b[31m",
  combining: `e${"\u0301".repeat(300)}`,
  emoji: "💸".repeat(40),
  fullwidth: "ＵＳＤ２５",
  "long string": "A".repeat(20_000),
  traversal: "../../../../etc/passwd",
  "proto key": "__proto__",
  template: "${7*7}{{7*7}}#{7*7}",
  "format string": "%s%n%x%d",
  "huge number": "1e308",
  "too many digits": "99999999999999999999",
  negative: "-2500",
  "negative zero": "-0",
  fraction: "0.5",
  "three decimals": "25.005",
  nan: "NaN",
  infinity: "Infinity",
  hex: "0x10",
  exponent: "2.5e3",
  underscores: "1_000",
};
const BLANKS: Record<string, string> = { empty: "", spaces: "   " };

/** JSON values of the wrong type where a string is expected. */
const WRONG_TYPES: Record<string, unknown> = {
  array: ["USD"],
  "array of arrays": [["2500"]],
  "empty array": [],
  object: { $gt: "" },
  null: null,
  true: true,
  "number 2500": 2500,
  "number -1": -1,
  "number 0.5": 0.5,
  "number 1e308": 1e308,
  "unsafe integer": 9007199254740993,
  "deep object": JSON.parse(`${'{"a":'.repeat(200)}1${"}".repeat(200)}`) as unknown,
};

/** Percent-encodes a value for a URL; lone surrogates cannot be, so they go as the bytes a naive client sends. */
function enc(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .replace(/[\uD800-\uDFFF]/g, "%ED%A0%80")
      .replace(/[^\w%.-]/g, (c) => encodeURIComponent(c));
  }
}

function queryString(params: Record<string, string | string[]>): string {
  const parts = Object.entries(params).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((x) => `${enc(k)}=${enc(x)}`),
  );
  return parts.length ? `?${parts.join("&")}` : "";
}

// ---------------------------------------------------------------------------------------------------------
// Requests and what answers are acceptable.

type HostileRequest = {
  label: string;
  method: Method;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Overrides the endpoint's expectation for this request. */
  expect?: Expectation;
};

/** "4xx": refused. "form": a no-JavaScript post sent back to its form (303 on our site, flagged invalid). "ok": any non-5xx (pages, endpoints that ignore input). */
type Expectation = "4xx" | "form" | "ok";

const JSON_TYPE = { "content-type": "application/json" };
const FORM_TYPE = { "content-type": "application/x-www-form-urlencoded" };
const formBody = (fields: Record<string, unknown>) =>
  Object.entries(fields)
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`)
    .join("&");

/** One request per field and hostile value (others valid), as JSON and, when the endpoint takes forms, as a form. */
function fieldCases(
  method: Method,
  url: string,
  base: Record<string, unknown>,
  fields: Array<{
    name: string;
    optional?: boolean;
    base?: Record<string, unknown>;
    valid?: string[];
  }>,
  encodings: Array<"json" | "form">,
): HostileRequest[] {
  const out: HostileRequest[] = [];
  for (const field of fields) {
    const start = field.base ?? base;
    // An optional field left blank, or a value the field really accepts (field.valid), is not hostile there.
    const skip = (label: string) => field.valid?.includes(label) ?? false;
    const strings = Object.fromEntries(
      Object.entries({ ...HOSTILE, ...(field.optional ? {} : BLANKS) }).filter(
        ([label]) => !skip(label),
      ),
    );
    for (const encoding of encodings) {
      for (const [label, value] of Object.entries(strings)) {
        const fields = { ...start, [field.name]: value };
        out.push(
          encoding === "json"
            ? {
                label: `${field.name}: ${label} (json)`,
                method,
                url,
                headers: JSON_TYPE,
                body: JSON.stringify(fields),
              }
            : {
                label: `${field.name}: ${label} (form)`,
                method,
                url,
                headers: FORM_TYPE,
                body: formBody(fields),
                expect: "form",
              },
        );
      }
    }
    if (encodings.includes("json")) {
      for (const [label, value] of Object.entries(WRONG_TYPES)) {
        if (skip(label)) continue;
        out.push({
          label: `${field.name}: ${label} (json)`,
          method,
          url,
          headers: JSON_TYPE,
          body: JSON.stringify({ ...start, [field.name]: value }),
        });
      }
    }
    if (encodings.includes("form") && !field.optional) {
      // Repeated and bracketed keys: frameworks that turn these into arrays or objects get surprises. (For an
      // optional field, a bracketed key is simply a missing field.)
      const rest = formBody(
        Object.fromEntries(Object.entries(start).filter(([k]) => k !== field.name)),
      );
      out.push({
        label: `${field.name}: repeated key (form)`,
        method,
        url,
        headers: FORM_TYPE,
        body: `${rest}&${field.name}=x&${field.name}=%3Cscript%3E`,
        expect: "form",
      });
      out.push({
        label: `${field.name}: bracketed key (form)`,
        method,
        url,
        headers: FORM_TYPE,
        body: `${rest}&${field.name}[]=1&${field.name}[$gt]=`,
        expect: "form",
      });
    }
  }
  return out;
}

/**
 * Malformed bodies. `valid` is a body the endpoint would accept as JSON: sent with the wrong content type it
 * must be refused, unless the endpoint reads any type (the ask's beacon comes from navigator.sendBeacon).
 */
function bodyCases(
  method: Method,
  url: string,
  options: {
    valid: Record<string, unknown>;
    invalid: Record<string, unknown>;
    anyType?: boolean;
    form?: boolean;
  },
): HostileRequest[] {
  const valid = JSON.stringify(options.valid);
  const invalid = JSON.stringify(options.invalid);
  const cases: HostileRequest[] = [
    { label: "no body", method, url, headers: JSON_TYPE },
    { label: "empty json", method, url, headers: JSON_TYPE, body: "" },
    { label: "truncated json", method, url, headers: JSON_TYPE, body: invalid.slice(0, -3) },
    { label: "json null", method, url, headers: JSON_TYPE, body: "null" },
    { label: "json array", method, url, headers: JSON_TYPE, body: `[${invalid}]` },
    { label: "json string", method, url, headers: JSON_TYPE, body: '"frequency=ONCE"' },
    { label: "json number", method, url, headers: JSON_TYPE, body: "2500" },
    { label: "json with bom", method, url, headers: JSON_TYPE, body: `\uFEFF${invalid}` },
    {
      label: "deeply nested json",
      method,
      url,
      headers: JSON_TYPE,
      body: `${"[".repeat(50_000)}${"]".repeat(50_000)}`,
    },
    {
      label: "prototype pollution",
      method,
      url,
      headers: JSON_TYPE,
      body: `{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}},${invalid.slice(1)}`,
    },
    {
      label: "duplicate keys",
      method,
      url,
      headers: JSON_TYPE,
      body: `${invalid.slice(0, -1)},${invalid.slice(1)}`,
    },
    {
      label: "invalid utf-8",
      method,
      url,
      headers: JSON_TYPE,
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0xc0, 0x80, 0x7d]),
    },
    {
      label: "1 MB json",
      method,
      url,
      headers: JSON_TYPE,
      body: JSON.stringify({ ...options.valid, pad: "x".repeat(1 << 20) }),
    },
    {
      label: "5 MB of zeros",
      method,
      url,
      headers: { "content-type": "application/octet-stream" },
      body: Buffer.alloc(5 << 20),
    },
    {
      label: "xml",
      method,
      url,
      headers: { "content-type": "application/xml" },
      body: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`,
    },
    {
      label: "multipart",
      method,
      url,
      headers: { "content-type": "multipart/form-data; boundary=X" },
      body: `--X\r\nContent-Disposition: form-data; name="amount"\r\n\r\n-1\r\n--X--\r\n`,
    },
    {
      label: "charset utf-7",
      method,
      url,
      headers: { "content-type": "application/json; charset=utf-7" },
      body: invalid,
    },
  ];
  if (!options.anyType) {
    cases.push({
      label: "valid json as text/plain",
      method,
      url,
      headers: { "content-type": "text/plain" },
      body: valid,
    });
    cases.push({ label: "valid json without content type", method, url, body: valid });
    cases.push({
      label: "valid json as multipart",
      method,
      url,
      headers: { "content-type": "multipart/form-data" },
      body: valid,
    });
  }
  if (options.form) {
    cases.push({ label: "empty form", method, url, headers: FORM_TYPE, body: "", expect: "form" });
    cases.push({
      label: "form of garbage",
      method,
      url,
      headers: FORM_TYPE,
      body: "%%%&&&==&=%FF%FE&a=%00",
      expect: "form",
    });
    cases.push({
      label: "1 MB form",
      method,
      url,
      headers: FORM_TYPE,
      body: `${formBody(options.valid)}&pad=${"x".repeat(1 << 20)}`,
    });
  }
  return cases;
}

/** Hostile values in each query parameter an endpoint or page reads (others left out). */
function queryCases(
  method: Method,
  url: string,
  params: string[],
  base: Record<string, string> = {},
  options: { optional?: boolean } = {},
): HostileRequest[] {
  const out: HostileRequest[] = [];
  const strings = { ...HOSTILE, ...(options.optional ? {} : BLANKS) };
  for (const param of params) {
    for (const [label, value] of Object.entries(strings))
      out.push({
        label: `?${param}=${label}`,
        method,
        url: `${url}${queryString({ ...base, [param]: value })}`,
      });
    out.push({
      label: `?${param} repeated`,
      method,
      url: `${url}${queryString({ ...base, [param]: ["x", "<script>"] })}`,
    });
    // Another parameter's name as far as the endpoint is concerned: ignored, like any unknown parameter.
    out.push({
      label: `?${param}[] bracketed`,
      method,
      url: `${url}${queryString(base)}${Object.keys(base).length ? "&" : "?"}${param}[]=1&${param}[$ne]=`,
      expect: "ok",
    });
    out.push({
      label: `?${param} raw invalid utf-8`,
      method,
      url: `${url}${queryString(base)}${Object.keys(base).length ? "&" : "?"}${param}=%FF%FE%C0%80`,
    });
  }
  return out;
}

/** Forged and garbage cookies: a browser with any of them is treated as a new reader / signed out. */
function cookieCases(method: Method, url: string): HostileRequest[] {
  const jwtNone = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${Buffer.from('{"sub":"x","role":"ADMIN"}').toString("base64url")}.`;
  const values: Record<string, string> = {
    garbage: "x",
    "long value": "A".repeat(3000),
    "alg none jwt": jwtNone,
    "forged reader state": `${Buffer.from('{"k":"x","p":"someone"}').toString("base64url")}.AAAA`,
    "percent junk": "%FF%00%0d%0a",
    "sql quote": "'%20OR%20'1'='1",
  };
  return Object.entries(values).map(([label, value]) => ({
    label: `cookies: ${label}`,
    method,
    url,
    headers: {
      cookie: [
        `rr_reader=${value}`,
        `rr_reader_x=${value}`,
        `rr_test_now=${value}`,
        `next-auth.session-token=${value}`,
        `next-auth.csrf-token=${value}`,
        `next-auth.callback-url=${value}`,
      ].join("; "),
    },
  }));
}

// ---------------------------------------------------------------------------------------------------------
// The database, before and after.

type Snapshot = Map<string, { rows: number; hash: string }>;

// rate_limits is the rate limiter's own bookkeeping (rate-limiter-flexible), written by design on requests.
const NOT_DATA = new Set(["rate_limits"]);

async function snapshot(): Promise<Snapshot> {
  const tables = await query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const out: Snapshot = new Map();
  for (const { name } of tables) {
    if (NOT_DATA.has(name)) continue;
    const [row] = await query<{ rows: number; hash: string }>(
      `SELECT count(*)::int AS rows, coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') AS hash FROM "${name}" t`,
    );
    out.set(name, row!);
  }
  return out;
}

function differences(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((n) => JSON.stringify(before.get(n)) !== JSON.stringify(after.get(n)))
    .map((n) => `${n}: ${JSON.stringify(before.get(n))} → ${JSON.stringify(after.get(n))}`);
}

/**
 * Earlier specs' webhooks (the emulator retries), keepalive beacons of closed pages and after-response counters
 * may still be landing: deliver what the emulator holds, then wait for a second with no change.
 */
async function quietSnapshot(): Promise<Snapshot> {
  await emulatorPost("deliveries/flush").catch(() => {});
  let last = await snapshot();
  let quiet = 0;
  for (let i = 0; i < 80 && quiet < 4; i++) {
    await new Promise((r) => setTimeout(r, 250));
    const next = await snapshot();
    quiet = differences(last, next).length === 0 ? quiet + 1 : 0;
    last = next;
  }
  return last;
}

// ---------------------------------------------------------------------------------------------------------
// Running the requests.

const HTML_PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"];
const appOrigin = new URL(APP_URL).origin;

function problem(
  request: HostileRequest,
  response: APIResponse,
  body: string,
  expectation: Expectation,
): string | null {
  const status = response.status();
  const headers = response.headers();
  const what = `${request.method} ${request.url.slice(0, 160)} [${request.label}] → ${status}`;
  if (status >= 500) return `${what}: server error ${body.slice(0, 200)}`;
  const setCookie = response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "set-cookie")
    .map((h) => h.value)
    .join("\n");
  if (/injected/i.test(setCookie) || "injected" in headers) return `${what}: header injection`;
  if (status >= 300 && status < 400) {
    const location = headers["location"] ?? "";
    if (new URL(location, APP_URL).origin !== appOrigin)
      return `${what}: redirect off-site to ${location}`;
  }
  if (
    (headers["content-type"] ?? "").includes("text/html") &&
    HTML_PAYLOADS.some((p) => body.includes(p))
  )
    return `${what}: reflects markup unescaped`;
  if (expectation === "4xx" && !(status >= 400 && status < 500)) return `${what}: expected a 4xx`;
  if (expectation === "form") {
    const location = new URL(headers["location"] ?? "/", APP_URL);
    const backToForm =
      status === 303 &&
      location.origin === appOrigin &&
      /[?&](invalid|remind)=/.test(location.search);
    if (!backToForm && !(status >= 400 && status < 500))
      return `${what}: expected 4xx or 303 back to the form, got Location ${headers["location"]}`;
  }
  return null;
}

async function send(
  api: APIRequestContext,
  requests: HostileRequest[],
  expectation: Expectation,
  cookie?: string,
): Promise<string[]> {
  const problems: string[] = [];
  const queue = [...requests];
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      const headers = { ...(cookie && !r.headers?.cookie ? { cookie } : {}), ...r.headers };
      let response: APIResponse;
      try {
        response = await api.fetch(r.url, {
          method: r.method,
          headers,
          data: r.body,
          maxRedirects: 0,
          failOnStatusCode: false,
          timeout: 20_000,
        });
      } catch (error) {
        problems.push(
          `${r.method} ${r.url.slice(0, 160)} [${r.label}]: no answer (${String(error).slice(0, 200)})`,
        );
        continue;
      }
      const body = r.method === "HEAD" ? "" : await response.text().catch(() => "");
      const found = problem(r, response, body, r.expect ?? expectation);
      if (found) problems.push(found);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// Every route handler and method: what it reads, and what a hostile request to it must get.

type Ctx = { staff: string; reader: string; unsubscribeToken: string };
type RouteSpec = {
  expect: Expectation;
  cookie?: (c: Ctx) => string;
  cases: (c: Ctx) => HostileRequest[];
};

const checkoutBase = { frequency: "ONCE", currency: "USD", amount: "2500" };
const remindLaterBase = { choice: "week", surface: "article", variant: "default" };
const eventBase = { type: "impression", surface: "article", variant: "default" };
const filterParams = ["currency", "from", "to", "sort", "after"];

function signed(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? SECRETS.STRIPE_WEBHOOK_SECRET,
    timestamp: options.timestamp,
  });
}

const ROUTES: Record<string, RouteSpec> = {
  "GET /api/health": {
    expect: "ok",
    cases: () => [...queryCases("GET", "/api/health", ["x"]), ...cookieCases("GET", "/api/health")],
  },
  "GET /api/ask": {
    expect: "4xx",
    cases: () => [
      ...queryCases("GET", "/api/ask", ["surface"]),
      // The decision ignores other parameters and reads the cookie, which must never break it.
      ...[
        ...queryCases(
          "GET",
          "/api/ask",
          ["currency", "variant"],
          { surface: "article" },
          { optional: true },
        ),
        ...cookieCases("GET", "/api/ask?surface=article"),
      ].map((r) => ({ ...r, expect: "ok" as const })),
    ],
  },
  "OPTIONS /api/ask": { expect: "ok", cases: () => preflights("/api/ask") },
  "GET /api/ask/config": {
    expect: "ok",
    cases: () => [
      ...queryCases("GET", "/api/ask/config", ["surface", "currency"]),
      ...cookieCases("GET", "/api/ask/config"),
    ],
  },
  "POST /api/ask/remind-later": {
    expect: "4xx",
    cases: () => [
      ...fieldCases(
        "POST",
        "/api/ask/remind-later",
        remindLaterBase,
        [
          { name: "choice" },
          { name: "surface", optional: true },
          { name: "variant", optional: true },
          { name: "email", optional: true, base: { ...remindLaterBase, consent: "on" } },
          {
            name: "consent",
            optional: true,
            base: { ...remindLaterBase, email: "hostile.reader@example.com" },
            valid: ["true"],
          },
          { name: "frequency", optional: true },
          { name: "currency", optional: true },
          { name: "amount", optional: true, valid: ["number 2500"] },
          // Free text: any value is fine, so the rest of the request is invalid; the redirect must stay on our site.
          { name: "returnTo", optional: true, base: { ...remindLaterBase, choice: "never" } },
        ],
        ["json", "form"],
      ),
      ...bodyCases("POST", "/api/ask/remind-later", {
        valid: remindLaterBase,
        invalid: { ...remindLaterBase, choice: "never" },
        form: true,
      }),
      ...cookieCases("POST", "/api/ask/remind-later").map((r) => ({
        ...r,
        headers: { ...r.headers, ...JSON_TYPE },
        body: JSON.stringify({ ...remindLaterBase, choice: "never" }),
      })),
    ],
  },
  "OPTIONS /api/ask/remind-later": {
    expect: "ok",
    cases: () => preflights("/api/ask/remind-later"),
  },
  "POST /api/ask/event": {
    expect: "4xx",
    cases: () => [
      ...fieldCases(
        "POST",
        "/api/ask/event",
        eventBase,
        [{ name: "type" }, { name: "surface" }, { name: "variant" }],
        ["json"],
      ),
      ...bodyCases("POST", "/api/ask/event", {
        valid: eventBase,
        invalid: { ...eventBase, type: "purchase" },
        anyType: true,
      }),
    ],
  },
  "OPTIONS /api/ask/event": { expect: "ok", cases: () => preflights("/api/ask/event") },
  // The no-JavaScript impression (an image). A valid one counts (that is its job), so the base lacks the variant.
  "GET /api/ask/event": {
    expect: "4xx",
    cases: () =>
      queryCases("GET", "/api/ask/event", ["type", "surface", "variant"], {
        type: "impression",
        surface: "article",
      }),
  },
  "OPTIONS /api/ask/recognise": { expect: "ok", cases: () => preflights("/api/ask/recognise") },
  "POST /api/ask/recognise": {
    expect: "4xx",
    cases: () => [
      ...fieldCases(
        "POST",
        "/api/ask/recognise",
        { sessionId: "cs_test_unknown" },
        [{ name: "sessionId" }],
        ["json"],
      ),
      ...bodyCases("POST", "/api/ask/recognise", {
        valid: { sessionId: "cs_test_unknown" },
        invalid: { sessionId: "pi_123" },
      }),
    ],
  },
  "POST /api/checkout": {
    expect: "4xx",
    cases: () => [
      ...fieldCases(
        "POST",
        "/api/checkout",
        checkoutBase,
        [
          { name: "frequency" },
          { name: "currency" },
          { name: "amount" },
          { name: "otherAmount", base: { ...checkoutBase, amount: "other" } },
          // One of the ask's own surfaces (SURFACES in lib/ask/config.ts): any other text is refused.
          { name: "surface", optional: true },
          { name: "variant", optional: true },
        ],
        ["json", "form"],
      ),
      ...bodyCases("POST", "/api/checkout", {
        valid: checkoutBase,
        invalid: { ...checkoutBase, amount: "-1" },
        form: true,
      }),
    ],
  },
  "POST /api/reminders/confirm": {
    expect: "4xx",
    cases: () => [
      ...queryCases("POST", "/api/reminders/confirm", ["token"]),
      // A well-formed token that is nobody's, with every kind of body; and from another site.
      ...bodyCases("POST", `/api/reminders/confirm?token=${"Z".repeat(32)}`, {
        valid: {},
        invalid: {},
        anyType: true,
      }),
      {
        label: "from another site",
        method: "POST",
        url: `/api/reminders/confirm?token=${"Z".repeat(32)}`,
        headers: { ...FORM_TYPE, origin: "https://evil.example" },
        body: "",
      },
    ],
  },
  "POST /api/reminders/unsubscribe": {
    expect: "4xx",
    cases: (c) => [
      ...queryCases("POST", "/api/reminders/unsubscribe", ["token"]),
      // A well-formed token that is nobody's, with every kind of body.
      ...bodyCases("POST", `/api/reminders/unsubscribe?token=${"Z".repeat(32)}`, {
        valid: {},
        invalid: {},
        anyType: true,
      }),
      {
        label: "one-click with a real token from another site",
        method: "POST",
        url: `/api/reminders/unsubscribe?token=${c.unsubscribeToken}x`,
        headers: { ...FORM_TYPE, origin: "https://evil.example" },
        body: "List-Unsubscribe=One-Click",
      },
    ],
  },
  "GET /api/staff/export/payments": {
    expect: "4xx",
    cookie: (c) => c.staff,
    cases: () => [
      ...queryCases(
        "GET",
        "/api/staff/export/payments",
        [...filterParams, "kind", "status"],
        {},
        { optional: true },
      ),
      // Free-text search: any text is a search (never a 5xx); over 200 characters it is refused.
      ...queryCases("GET", "/api/staff/export/payments", ["q"], {}, { optional: true }).map(
        (r) => ({ ...r, expect: "ok" as const }),
      ),
    ],
  },
  "GET /api/staff/export/supporters": {
    expect: "4xx",
    cookie: (c) => c.staff,
    cases: () => [
      ...queryCases(
        "GET",
        "/api/staff/export/supporters",
        [...filterParams, "frequency", "status"],
        {},
        { optional: true },
      ),
      ...queryCases("GET", "/api/staff/export/supporters", ["q"], {}, { optional: true }).map(
        (r) => ({ ...r, expect: "ok" as const }),
      ),
    ],
  },
  "POST /api/stripe/webhook": {
    expect: "4xx",
    cases: () => {
      const event = JSON.stringify({
        id: "evt_hostile_1",
        object: "event",
        type: "charge.refunded",
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        data: { object: { id: "ch_x", object: "charge", amount_refunded: 999999 } },
      });
      const url = "/api/stripe/webhook";
      const withSignature = (
        label: string,
        signature: string,
        body: string | Buffer = event,
      ): HostileRequest => ({
        label,
        method: "POST",
        url,
        headers: { ...JSON_TYPE, "stripe-signature": signature },
        body,
      });
      return [
        ...bodyCases("POST", url, {
          valid: JSON.parse(event) as Record<string, unknown>,
          invalid: {},
          anyType: true,
        }),
        withSignature("garbage signature", "garbage"),
        withSignature("empty signature", ""),
        withSignature("signature without v1", `t=${Math.floor(Date.now() / 1000)}`),
        withSignature("huge timestamp", "t=99999999999999999999,v1=00"),
        withSignature("negative timestamp", "t=-1,v1=00"),
        withSignature("wrong secret", signed(event, { secret: "whsec_not_ours" })),
        withSignature(
          "replayed an hour later",
          signed(event, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
        ),
        withSignature("signed for another body", signed(event.replace("999999", "1"))),
        withSignature(
          "8 KB signature header",
          `t=${Math.floor(Date.now() / 1000)},${"v1=00,".repeat(1300)}`,
        ),
        withSignature(
          "oversized but signed",
          signed("x".repeat(600 * 1024)),
          "x".repeat(600 * 1024),
        ),
        ...Object.entries(HOSTILE).map(([label, value]) =>
          withSignature(
            `signature: ${label}`,
            value.replace(/[\r\n\u0000-\u001f\u0080-\uffff]/g, "?"),
          ),
        ),
      ];
    },
  },
  "GET /api/auth/[...nextauth]": {
    expect: "ok",
    cases: () => [
      ...[
        "session",
        "csrf",
        "providers",
        "signin",
        "signout",
        "error",
        "verify-request",
        "signin/email",
        "callback/email",
        "callback/google",
        "_log",
        "..%2f..%2fetc%2fpasswd",
        "%00",
        "constructor",
        "__proto__",
      ].map((p): HostileRequest => ({
        label: `/api/auth/${p}`,
        method: "GET",
        url: `/api/auth/${p}`,
      })),
      ...queryCases("GET", "/api/auth/error", ["error"]),
      ...queryCases("GET", "/api/auth/callback/email", ["token", "email", "callbackUrl"], {
        token: "a".repeat(64),
        email: "nobody@example.com",
      }),
      ...queryCases("GET", "/api/auth/signin", ["callbackUrl", "error"]),
      ...cookieCases("GET", "/api/auth/session"),
    ],
  },
  // POSTs without next-auth's CSRF token are sent back to its sign-in page; with it (see the test below) bad addresses are refused.
  "POST /api/auth/[...nextauth]": {
    expect: "ok",
    cases: () => [
      ...[
        "signin/email",
        "signout",
        "session",
        "callback/email",
        "_log",
        "signin/%00",
        "signin/__proto__",
      ].flatMap((p): HostileRequest[] => [
        {
          label: `/api/auth/${p} form without csrf`,
          method: "POST",
          url: `/api/auth/${p}`,
          headers: FORM_TYPE,
          body: "email=%3Cscript%3E%40x.y&csrfToken=forged",
        },
        {
          label: `/api/auth/${p} json`,
          method: "POST",
          url: `/api/auth/${p}`,
          headers: JSON_TYPE,
          body: '{"email":["a@b.c"],"csrfToken":{"$ne":""}}',
        },
      ]),
      ...bodyCases("POST", "/api/auth/signin/email", {
        valid: { email: "nobody@example.com" },
        invalid: { email: "<script>@x.y" },
        anyType: true,
      }),
    ],
  },
  "GET /embed/ask": {
    expect: "ok",
    cases: () => [
      ...queryCases("GET", "/embed/ask", ["surface", "currency", "frequency", "return"]),
      ...cookieCases("GET", "/embed/ask"),
    ],
  },
  // Checkout's success URL: whatever the query, a 303 to the thank-you page, and nothing recorded.
  "GET /support/thanks/return": {
    expect: "ok",
    cases: () => [
      ...queryCases("GET", "/support/thanks/return", ["session_id", "to"]),
      ...cookieCases("GET", "/support/thanks/return"),
    ],
  },
};

function preflights(url: string): HostileRequest[] {
  const origins = [
    "null",
    "https://evil.example",
    "http://127.0.0.1:1",
    "https://evil.example\r\nx: y".replace(/[\r\n]/g, ""),
    "javascript:alert(1)",
    "A".repeat(4000),
  ];
  return origins.map((origin) => ({
    label: `preflight from ${origin.slice(0, 30)}`,
    method: "OPTIONS" as const,
    url,
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type, x-evil",
    },
  }));
}

// ---------------------------------------------------------------------------------------------------------
// Every page and the query parameters it reads (pages answer bad input with a message, never a 5xx).

type PageSpec = { params: string[]; cookie?: (c: Ctx) => string; url?: (c: Ctx) => string[] };

const PAGES: Record<string, PageSpec> = {
  "/": {
    params: [],
    url: () => [
      "/%ED%A0%80",
      "/%FF",
      "/support/%C0%80",
      "/api/%FF",
      "/api/auth/%ED%A0%80",
      "/embed/%FF",
    ],
  },
  "/support": {
    params: [
      "frequency",
      "currency",
      "amount",
      "otherAmount",
      "invalid",
      "cancelled",
      "unavailable",
      "surface",
      "variant",
    ],
  },
  "/support/thanks": { params: ["session_id", "to", "waited"] },
  "/account": { params: ["error", "from"], cookie: (c) => c.reader },
  "/dashboard": { params: ["period"], cookie: (c) => c.staff },
  "/dashboard/funnel": { params: ["period"], cookie: (c) => c.staff },
  "/dashboard/ask": {
    params: ["done", "error", "version", "from", "preview"],
    cookie: (c) => c.staff,
  },
  "/ask-preview": { params: ["locale", "width", "renew"], cookie: (c) => c.staff },
  "/dashboard/payments": {
    params: ["q", ...filterParams, "kind", "status"],
    cookie: (c) => c.staff,
  },
  "/dashboard/supporters": {
    params: ["q", ...filterParams, "frequency", "status"],
    cookie: (c) => c.staff,
  },
  "/dashboard/staff": {
    params: ["error", "added", "already", "remove", "removed"],
    cookie: (c) => c.staff,
  },
  // The id is a path segment: every hostile value goes there.
  "/dashboard/supporters/[id]": {
    params: [],
    cookie: (c) => c.staff,
    url: () =>
      Object.values(HOSTILE).map((v) => `/dashboard/supporters/${enc(v).replace(/\./g, "%2E")}`),
  },
  "/demo/article": { params: ["surface", "variant"] },
  "/dev/mailbox": { params: ["to", "q"] },
  "/reminders/unsubscribe": { params: ["token", "done"] },
  "/reminders/confirm": { params: ["token"] },
  "/reminders/check-inbox": { params: ["back"] },
  "/signin": { params: ["callbackUrl", "error", "email", "retryAfter"] },
  "/signin/check-email": { params: ["email"] },
  "/signin/confirm": { params: ["token", "email", "callbackUrl"] },
};

// ---------------------------------------------------------------------------------------------------------

const ctx: Ctx = { staff: "", reader: "", unsubscribeToken: "" };

test.beforeAll(async () => {
  const staffEmail = uniqueEmail("hostile-staff");
  ctx.staff = await sessionCookie(
    null,
    await createSupporter(staffEmail, "STAFF"),
    staffEmail,
    "STAFF",
  );
  const readerEmail = uniqueEmail("hostile-reader");
  ctx.reader = await sessionCookie(null, await createSupporter(readerEmail), readerEmail, "READER");
  ctx.unsubscribeToken = "hostile0unsubscribe0token0" + Math.random().toString(36).slice(2, 8);
});

test("every route handler and page has hostile cases (a new endpoint must be added here)", () => {
  expect(routeKeys.length).toBeGreaterThan(10);
  expect(routeKeys, "route handlers on disk vs ROUTES").toEqual(Object.keys(ROUTES).sort());
  expect(pageUrls, "pages on disk vs PAGES").toEqual(Object.keys(PAGES).sort());
  // Pages that read their query string must say which parameters they read.
  for (const file of filesNamed("app", "page.tsx")) {
    if (/searchParams/.test(readFileSync(file, "utf8")))
      expect(PAGES[urlOf(file)]!.params.length, urlOf(file)).toBeGreaterThan(0);
  }
});

for (const key of Object.keys(ROUTES)) {
  test(`${key}: hostile input gets ${ROUTES[key]!.expect === "ok" ? "no 5xx" : "a 4xx"} and changes nothing`, async ({
    playwright,
  }) => {
    test.setTimeout(180_000);
    const spec = ROUTES[key]!;
    const api = await playwright.request.newContext({ baseURL: APP_URL });
    const before = await quietSnapshot();
    const problems = await send(api, spec.cases(ctx), spec.expect, spec.cookie?.(ctx));
    // After-response work would land by now; impressions and remind-laters are written by the app's next flush,
    // within about a second (lib/ask/funnel-buffer.ts).
    const buffered = /\/api\/ask\/(event|remind-later)$/.test(key);
    await new Promise((r) => setTimeout(r, buffered ? 1_500 : 300));
    expect(problems).toEqual([]);
    expect(differences(before, await snapshot())).toEqual([]);
    await api.dispose();
  });
}

test("pages: hostile query strings and path segments get a page or a redirect, never a 5xx, and change nothing", async ({
  playwright,
}) => {
  test.setTimeout(300_000);
  const api = await playwright.request.newContext({ baseURL: APP_URL });
  const before = await quietSnapshot();
  const problems: string[] = [];
  for (const [url, spec] of Object.entries(PAGES)) {
    const requests = [
      ...(spec.url
        ? spec.url(ctx).map((u): HostileRequest => ({ label: "path", method: "GET", url: u }))
        : []),
      ...queryCases("GET", url, spec.params),
      ...cookieCases("GET", url.includes("[") ? spec.url!(ctx)[0]! : url),
    ];
    problems.push(...(await send(api, requests, "ok", spec.cookie?.(ctx))));
  }
  expect(problems).toEqual([]);
  expect(differences(before, await snapshot())).toEqual([]);
  await api.dispose();
});

test("sign-in with next-auth's CSRF token: malformed addresses are refused and nothing is stored or mailed", async ({
  playwright,
}) => {
  test.setTimeout(120_000);
  const api = await playwright.request.newContext({ baseURL: APP_URL });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const before = await quietSnapshot();
  const emails = [
    ...Object.values(HOSTILE),
    "<script>alert(1)</script>@example.com",
    "a@b",
    "a@@b.co",
    "reader@example.com\u0000",
    "reader@example.com\r\nBcc: x@evil.example",
    `${"a".repeat(300)}@example.com`,
    "\u202Emoc.elpmaxe@reader",
  ];
  const requests: HostileRequest[] = emails.flatMap((email) => [
    {
      label: `email ${JSON.stringify(email.slice(0, 40))}`,
      method: "POST" as const,
      url: "/api/auth/signin/email",
      headers: FORM_TYPE,
      body: formBody({ email, csrfToken, callbackUrl: "/account", json: "true" }),
    },
    {
      label: `email ${JSON.stringify(email.slice(0, 40))}, hostile callbackUrl`,
      method: "POST" as const,
      url: "/api/auth/signin/email",
      headers: FORM_TYPE,
      body: formBody({ email, csrfToken, callbackUrl: "https://evil.example/\u0000" }),
    },
  ]);
  const problems = await send(api, requests, "ok");
  expect(problems).toEqual([]);
  expect(differences(before, await snapshot())).toEqual([]);
  await api.dispose();
});

test("out-of-range dates: the staff lists show a message, the exports answer 400 before streaming", async ({
  playwright,
}) => {
  const api = await playwright.request.newContext({
    baseURL: APP_URL,
    extraHTTPHeaders: { cookie: ctx.staff },
  });
  const oldCursor = Buffer.from("-271821-04-20T00:00:00.000Z|x").toString("base64url");
  for (const query of ["from=0000-01-01", "to=9999-12-31", `after=${oldCursor}`]) {
    for (const list of ["payments", "supporters"]) {
      const page = await api.get(`/dashboard/${list}?${query}`);
      expect(page.status(), `${list}?${query}`).toBe(200);
      expect(await page.text(), `${list}?${query}`).toMatch(
        /Use a date between 1900-01-01 and 2999-12-31|Not a valid page link/,
      );
      const csv = await api.get(`/api/staff/export/${list}?${query}`);
      expect(csv.status(), `export ${list}?${query}`).toBe(400);
      expect(((await csv.json()) as { error: { message: string } }).error.message).toMatch(
        /Use a date between|Not a valid page link/,
      );
    }
  }
  await api.dispose();
});

test.describe("Origin checks on state-changing requests", () => {
  const evil = "https://evil.example";

  test("first-party endpoints refuse other sites with 403 before doing anything", async ({
    playwright,
  }) => {
    const api = await playwright.request.newContext({ baseURL: APP_URL });
    const before = await quietSnapshot();
    const recognise = await api.post("/api/ask/recognise", {
      headers: { origin: evil, ...JSON_TYPE },
      data: JSON.stringify({ sessionId: "cs_test_x" }),
    });
    expect(recognise.status()).toBe(403);
    const unsubscribe = await api.post(`/api/reminders/unsubscribe?token=${"Z".repeat(32)}`, {
      headers: { origin: evil, ...FORM_TYPE },
      data: "",
    });
    expect(unsubscribe.status()).toBe(403);
    // Opaque origins (sandboxed frames) and cross-site requests without Origin are refused too.
    expect(
      (
        await api.post("/api/ask/recognise", {
          headers: { origin: "null", ...JSON_TYPE },
          data: "{}",
        })
      ).status(),
    ).toBe(403);
    expect(
      (
        await api.post("/api/ask/recognise", {
          headers: { "sec-fetch-site": "cross-site", ...JSON_TYPE },
          data: "{}",
        })
      ).status(),
    ).toBe(403);
    // Our own origin gets through to validation.
    expect(
      (
        await api.post("/api/ask/recognise", {
          headers: { origin: appOrigin, ...JSON_TYPE },
          data: "{}",
        })
      ).status(),
    ).toBe(400);
    expect(differences(before, await snapshot())).toEqual([]);
    await api.dispose();
  });

  test("checkout accepts the embed's host sites (ASK_EMBED_ORIGINS, '*' here) and our own pages", async ({
    playwright,
  }) => {
    const api = await playwright.request.newContext({ baseURL: APP_URL });
    for (const origin of [appOrigin, evil]) {
      const response = await api.post("/api/checkout", {
        headers: { origin, ...JSON_TYPE },
        data: JSON.stringify({ ...checkoutBase, amount: "-1" }),
      });
      expect(response.status(), origin).toBe(400);
    }
    // Opaque origins are never an embed host.
    expect(
      (
        await api.post("/api/checkout", {
          headers: { origin: "null", ...JSON_TYPE },
          data: JSON.stringify(checkoutBase),
        })
      ).status(),
    ).toBe(403);
    await api.dispose();
  });

  test("a mail client's one-click unsubscribe works from any origin; the page's button only from ours", async ({
    playwright,
  }) => {
    const token = `hostileOneClick${Math.random().toString(36).slice(2, 10)}`;
    const email = uniqueEmail("one-click");
    const [remindLater] = await query<{ id: string }>(
      `INSERT INTO "RemindLater" (id, "readerKey", surface, until, "createdAt") VALUES ($1, 'hostile-key', 'article', now() + interval '1 day', now()) RETURNING id`,
      [`hostile_${token}`],
    );
    await query(
      `INSERT INTO "Reminder" (id, "remindLaterId", email, frequency, amount, currency, "dueAt", "consentAt", "unsubscribeToken", "createdAt")
       VALUES ($1, $2, $3, 'MONTHLY', 1000, 'USD', now() + interval '1 day', now(), $4, now())`,
      [`hostile_r_${token}`, remindLater!.id, email, token],
    );
    const api = await playwright.request.newContext({ baseURL: APP_URL });
    const button = await api.post(`/api/reminders/unsubscribe?token=${token}`, {
      headers: { origin: "https://evil.example", ...FORM_TYPE },
      data: "",
      maxRedirects: 0,
    });
    expect(button.status()).toBe(403);
    expect(await query(`SELECT 1 FROM "EmailOptOut" WHERE email = $1`, [email])).toHaveLength(0);
    const oneClick = await api.post(`/api/reminders/unsubscribe?token=${token}`, {
      headers: { origin: "https://mail.example", ...FORM_TYPE },
      data: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status()).toBe(200);
    expect(await query(`SELECT 1 FROM "EmailOptOut" WHERE email = $1`, [email])).toHaveLength(1);
    await api.dispose();
  });

  test("exempt by design: Stripe's webhook (signature) and next-auth (its CSRF token)", async ({
    playwright,
  }) => {
    const api = await playwright.request.newContext({ baseURL: APP_URL });
    const webhook = await api.post("/api/stripe/webhook", {
      headers: { origin: evil, "stripe-signature": "t=1,v1=00", ...JSON_TYPE },
      data: "{}",
    });
    expect(webhook.status()).toBe(400);
    const signIn = await api.post("/api/auth/signin/email", {
      headers: { origin: evil, ...FORM_TYPE },
      data: "email=nobody%40example.com",
      maxRedirects: 0,
    });
    expect(signIn.status()).toBeLessThan(500);
    expect(signIn.headers()["location"] ?? "").toContain("csrf=true");
    await api.dispose();
  });
});
