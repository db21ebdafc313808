import { describe, expect, it } from "vitest";
import { controlVariant, experimentSchema, isRunningAt, type ExperimentInput } from "./definition";

function input(overrides: Partial<ExperimentInput> = {}): ExperimentInput {
  return {
    id: "appeal-2026-12",
    name: "December appeal",
    part: "copy",
    variants: [
      { id: "control", name: "Dear readers", share: 50, changes: {} },
      { id: "urgent", name: "Urgent", share: 50, changes: { heading: "We need you" } },
    ],
    trafficShare: 100,
    holdback: 0,
    status: "draft",
    startedAt: null,
    stoppedAt: null,
    mode: "split",
    ...overrides,
  };
}

function messages(value: ExperimentInput): string[] {
  const result = experimentSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

describe("experimentSchema", () => {
  it("accepts a well-formed test, dates from ISO strings, and keeps the variants' changes as given", () => {
    const parsed = experimentSchema.parse(
      input({
        status: "running",
        startedAt: "2026-12-01T09:00:00Z",
        trafficShare: 0.5,
        holdback: 5,
      }),
    );
    expect(parsed.startedAt).toEqual(new Date("2026-12-01T09:00:00Z"));
    expect(parsed.variants[1]!.changes).toEqual({ heading: "We need you" });
    expect(controlVariant(parsed).id).toBe("control");
  });

  it("says the shares must add up to 100%, and what they add up to", () => {
    const variants = [
      { id: "a", name: "A", share: 50, changes: {} },
      { id: "b", name: "B", share: 40, changes: {} },
    ];
    expect(messages(input({ variants }))).toContain(
      "Shares must add up to 100% (they add up to 90%)",
    );
  });

  it("needs two to six variants", () => {
    expect(
      messages(input({ variants: [{ id: "a", name: "A", share: 100, changes: {} }] })),
    ).toContain("A test needs at least two variants");
    const seven = Array.from({ length: 7 }, (_, i) => ({
      id: `v${i}`,
      name: `V${i}`,
      share: i === 0 ? 16 : 14,
      changes: {},
    }));
    expect(messages(input({ variants: seven }))).toContain("A test can have at most 6 variants");
  });

  it("names a duplicate variant id", () => {
    const variants = [
      { id: "a", name: "A", share: 50, changes: {} },
      { id: "a", name: "B", share: 50, changes: {} },
    ];
    const result = experimentSchema.safeParse(input({ variants }));
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.message.includes("Two variants"));
    expect(issue).toMatchObject({
      path: ["variants", 1, "id"],
      message: 'Two variants have the id "a": give each its own',
    });
  });

  it("refuses a control with no traffic, fractional shares, and limits outside 0–100% and 0–50%", () => {
    expect(
      messages(
        input({
          variants: [
            { id: "a", name: "A", share: 0, changes: {} },
            { id: "b", name: "B", share: 100, changes: {} },
          ],
        }),
      ),
    ).toContain(
      "The control (the first variant) needs a share above 0%: every variant is compared with it",
    );
    expect(
      messages(
        input({
          variants: [
            { id: "a", name: "A", share: 50.5, changes: {} },
            { id: "b", name: "B", share: 49.5, changes: {} },
          ],
        }),
      ),
    ).toContain("A variant's share must be a whole percentage");
    expect(messages(input({ trafficShare: 101 }))).toContain(
      "The traffic share cannot be over 100%",
    );
    expect(messages(input({ holdback: 60 }))).toContain(
      "The holdback can be at most 50% of the readers in the test",
    );
  });

  it("refuses ids that are not slugs and an unknown part", () => {
    expect(messages(input({ id: "December Appeal" }))[0]).toMatch(
      /^The test id must be lower-case letters/,
    );
    expect(messages(input({ part: "colour" as never }))[0]).toMatch(
      /^Choose what the test varies: copy, amounts/,
    );
  });

  it("keeps status and dates consistent", () => {
    expect(messages(input({ status: "running" }))).toContain(
      "A running test has a start time and no stop time",
    );
    expect(messages(input({ status: "stopped", startedAt: "2026-12-01T00:00:00Z" }))).toContain(
      "A stopped test has a start and a stop time",
    );
    expect(
      messages(
        input({
          status: "stopped",
          startedAt: "2026-12-02T00:00:00Z",
          stoppedAt: "2026-12-01T00:00:00Z",
        }),
      ),
    ).toContain("A test cannot stop before it starts");
    expect(messages(input({ startedAt: "2026-12-01T00:00:00Z" }))).toContain(
      "A draft has not started: clear its start time",
    );
  });
});

describe("isRunningAt", () => {
  const startedAt = new Date("2026-12-01T09:00:00Z");
  it("is true only for a running test whose start has come", () => {
    expect(
      isRunningAt(
        { status: "running", startedAt, stoppedAt: null },
        new Date("2026-12-01T10:00:00Z"),
      ),
    ).toBe(true);
    expect(
      isRunningAt(
        { status: "running", startedAt, stoppedAt: null },
        new Date("2026-12-01T08:00:00Z"),
      ),
    ).toBe(false);
    expect(
      isRunningAt(
        { status: "stopped", startedAt, stoppedAt: new Date("2026-12-02T00:00:00Z") },
        new Date("2026-12-01T10:00:00Z"),
      ),
    ).toBe(false);
    expect(isRunningAt({ status: "draft", startedAt: null, stoppedAt: null }, new Date())).toBe(
      false,
    );
  });
});
