import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SignedInUser } from "./session";

/**
 * Every server action in the app ("use server" modules under app/), called signed out and as a reader: each
 * must refuse (redirect to sign-in) before doing anything. Found by walking the app directory, so a new
 * action cannot be forgotten. Reader actions (under app/(reader)) are only checked signed out.
 */
let who: SignedInUser | null = null;
vi.mock("./session", () => ({ currentUser: async () => who }));
const touched = vi.hoisted(() => ({ db: 0 }));
vi.mock("../db", () => ({
  db: new Proxy(
    {},
    {
      get: () => {
        touched.db++;
        throw new Error("an action touched the database before checking the role");
      },
    },
  ),
}));

function actionModules(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...actionModules(full));
    else if (/\.tsx?$/.test(name) && /^\s*["']use server["']/.test(readFileSync(full, "utf8")))
      out.push(full);
  }
  return out;
}

const root = path.resolve(import.meta.dirname, "../..");
const modules = actionModules(path.join(root, "app"));

async function refusal(action: (form: FormData) => Promise<unknown>): Promise<string> {
  const form = new FormData();
  form.set("email", "someone@example.com");
  form.set("supporterId", "x");
  form.set("membershipId", "x");
  try {
    await action(form);
  } catch (error) {
    return String((error as { digest?: string }).digest ?? error);
  }
  return "did not refuse";
}

describe("server actions", () => {
  beforeEach(() => {
    touched.db = 0;
  });

  it("are found", () => {
    expect(modules.map((m) => path.relative(root, m)).sort()).toEqual(
      expect.arrayContaining([
        "app/(reader)/account/actions.ts",
        "app/(staff)/dashboard/staff/actions.ts",
      ]),
    );
  });

  for (const file of modules) {
    const relative = path.relative(root, file);
    const staffOnly = !relative.startsWith("app/(reader)");
    it(`${relative}: every action refuses signed-out visitors${staffOnly ? " and readers" : ""}`, async () => {
      const actions = Object.entries(await import(file)).filter(
        ([, v]) => typeof v === "function",
      ) as Array<[string, (f: FormData) => Promise<unknown>]>;
      expect(actions.length).toBeGreaterThan(0);
      const visitors: Array<SignedInUser | null> = [null];
      if (staffOnly)
        visitors.push({ id: "r1", email: "reader@example.com", name: null, role: "READER" });
      for (const visitor of visitors) {
        who = visitor;
        for (const [name, action] of actions) {
          expect(await refusal(action), `${name} as ${visitor?.role ?? "visitor"}`).toMatch(
            /^NEXT_REDIRECT;.*\/signin/,
          );
        }
      }
      expect(touched.db).toBe(0);
    });
  }
});
