import { z } from "zod";

/**
 * An ask experiment as staff define it: which part of the ask it tests, its variants and their shares, how
 * many readers enter it, how many of those see no ask at all (the holdback), and its life (draft → running →
 * stopped). Plain data, validated at the boundary with `experimentSchema`; what a variant changes in the ask
 * (`changes`) is opaque here and defined by the ask's config.
 *
 * Units, chosen to read the way staff think and to add up exactly:
 * - a variant's `share` is an integer percentage; the variants' shares add up to exactly 100. In bandit mode
 *   they are the starting weights, until the bandit has data (see bandit.ts).
 * - `trafficShare` is the percentage of all readers who enter the test (0–100, decimals allowed, so a large
 *   newsroom can test on 0.5 %); the others see the published ask and are not counted in the test.
 * - `holdback` is the percentage of the readers in the test who see no ask at all (0–50, decimals allowed):
 *   they measure what the ask itself is worth. The variants' shares apply to the rest.
 */

/** The parts of the ask a test can vary. */
export const EXPERIMENT_PARTS = [
  "copy",
  "amounts",
  "defaultFrequency",
  "button",
  "articleCount",
] as const;
export type ExperimentPart = (typeof EXPERIMENT_PARTS)[number];

export const EXPERIMENT_STATUSES = ["draft", "running", "stopped"] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** "split": fixed shares; "bandit": shares moved towards the better variant by Thompson sampling (bandit.ts). */
export const EXPERIMENT_MODES = ["split", "bandit"] as const;
export type ExperimentMode = (typeof EXPERIMENT_MODES)[number];

export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 6;
export const MAX_HOLDBACK_PERCENT = 50;

/**
 * Ids are slugs: lower-case letters, digits and hyphens, starting with a letter. They go into the assignment
 * hash (so renaming an id re-assigns every reader: an id is fixed once the test runs) and into URLs and
 * counters; a leading letter keeps them from being read as numbers (and keeps object key order stable).
 */
const SLUG = /^[a-z][a-z0-9-]{0,62}$/;
const slug = (what: string) =>
  z
    .string()
    .regex(
      SLUG,
      `The ${what} id must be lower-case letters, digits and hyphens, starting with a letter (at most 63 characters)`,
    );

const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Give the ${what} a name`)
    .max(120, `Keep the ${what}'s name under 120 characters`);

/** A date from a Date or an ISO string; null when not set. */
const optionalDate = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))])
  .nullable();

export const variantSchema = z.object({
  id: slug("variant"),
  name: name("variant"),
  share: z
    .number({ error: "A variant's share must be a whole percentage" })
    .int("A variant's share must be a whole percentage")
    .min(0, "A variant's share cannot be negative")
    .max(100, "A variant's share cannot be over 100%"),
  /** What this variant changes in the ask; its shape belongs to the ask's config, not to the experiment. */
  changes: z.record(z.string(), z.unknown()),
});
export type ExperimentVariant = z.infer<typeof variantSchema>;

export const experimentSchema = z
  .object({
    id: slug("test"),
    name: name("test"),
    part: z.enum(EXPERIMENT_PARTS, {
      error: `Choose what the test varies: ${EXPERIMENT_PARTS.join(", ")}`,
    }),
    /** The first variant is the control: the one every other is compared with. */
    variants: z
      .array(variantSchema)
      .min(MIN_VARIANTS, "A test needs at least two variants")
      .max(MAX_VARIANTS, `A test can have at most ${MAX_VARIANTS} variants`),
    trafficShare: z
      .number({ error: "The traffic share must be a percentage" })
      .min(0, "The traffic share cannot be negative")
      .max(100, "The traffic share cannot be over 100%"),
    holdback: z
      .number({ error: "The holdback must be a percentage" })
      .min(0, "The holdback cannot be negative")
      .max(
        MAX_HOLDBACK_PERCENT,
        `The holdback can be at most ${MAX_HOLDBACK_PERCENT}% of the readers in the test`,
      ),
    status: z.enum(EXPERIMENT_STATUSES),
    startedAt: optionalDate,
    stoppedAt: optionalDate,
    mode: z.enum(EXPERIMENT_MODES),
  })
  .superRefine((experiment, ctx) => {
    const { variants } = experiment;
    const total = variants.reduce((sum, v) => sum + v.share, 0);
    if (variants.length >= MIN_VARIANTS && total !== 100)
      ctx.addIssue({
        code: "custom",
        path: ["variants"],
        message: `Shares must add up to 100% (they add up to ${total}%)`,
      });
    if (variants[0]?.share === 0)
      ctx.addIssue({
        code: "custom",
        path: ["variants", 0, "share"],
        message:
          "The control (the first variant) needs a share above 0%: every variant is compared with it",
      });
    const seen = new Set<string>();
    variants.forEach((variant, index) => {
      if (seen.has(variant.id))
        ctx.addIssue({
          code: "custom",
          path: ["variants", index, "id"],
          message: `Two variants have the id "${variant.id}": give each its own`,
        });
      seen.add(variant.id);
    });
    const { status, startedAt, stoppedAt } = experiment;
    if (status === "running" && (!startedAt || stoppedAt))
      ctx.addIssue({
        code: "custom",
        path: ["status"],
        message: "A running test has a start time and no stop time",
      });
    if (status === "stopped" && (!startedAt || !stoppedAt))
      ctx.addIssue({
        code: "custom",
        path: ["status"],
        message: "A stopped test has a start and a stop time",
      });
    if (status === "draft" && (startedAt || stoppedAt))
      ctx.addIssue({
        code: "custom",
        path: ["status"],
        message: "A draft has not started: clear its start time",
      });
    if (startedAt && stoppedAt && stoppedAt.getTime() < startedAt.getTime())
      ctx.addIssue({
        code: "custom",
        path: ["stoppedAt"],
        message: "A test cannot stop before it starts",
      });
  });

/** A validated experiment (dates as Date objects). */
export type Experiment = z.infer<typeof experimentSchema>;
/** What the schema accepts (dates may be ISO strings). */
export type ExperimentInput = z.input<typeof experimentSchema>;

/** The control: the first variant, the one every other variant is compared with. */
export function controlVariant(experiment: Pick<Experiment, "variants">): ExperimentVariant {
  // The schema keeps at least two variants.
  return experiment.variants[0]!;
}

/**
 * Whether readers are assigned to the test at `now`: it is running and its start has come. (The assignment
 * itself, assign.ts, does not look at status or time: the caller asks this first.)
 */
export function isRunningAt(
  experiment: Pick<Experiment, "status" | "startedAt" | "stoppedAt">,
  now: Date,
): boolean {
  if (experiment.status !== "running" || !experiment.startedAt) return false;
  if (experiment.startedAt.getTime() > now.getTime()) return false;
  return !experiment.stoppedAt || now.getTime() < experiment.stoppedAt.getTime();
}
