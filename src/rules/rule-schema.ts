/**
 * The rule language as zod schemas: the one definition that validation, the
 * TypeScript types, the JSON schema for editors (rules/schema.json) and the
 * language reference (rules/README.md) all follow. Every object is strict, so
 * a misspelt filter is refused instead of silently widening a rule.
 */
import { z } from "zod";
import { ACTION_KINDS } from "../domain/actions.js";
import { RULE_MODES } from "../domain/decisions.js";
import { EVENT_TYPES, MEDIA_FIELDS, TEXT_FIELDS } from "../domain/events.js";
import type { BankMatchSignal, HashSignalType } from "../domain/signals.js";
import { SUBJECT_TYPES } from "../domain/subjects.js";

/** src/domain declares these only as types; the lists below are checked against them at compile time. */
export const HASH_SIGNAL_TYPES = [
  "pdq",
  "md5",
  "sha256",
  "vpdq",
] as const satisfies readonly HashSignalType[];
export const PROVENANCES = [
  "confirmed",
  "unconfirmed",
] as const satisfies readonly BankMatchSignal["provenance"][];
type Exhaustive<Listed, All> = [Exclude<All, Listed>] extends [never] ? true : never;
const hashTypesListed: Exhaustive<(typeof HASH_SIGNAL_TYPES)[number], HashSignalType> = true;
const provenancesListed: Exhaustive<(typeof PROVENANCES)[number], BankMatchSignal["provenance"]> = true;
void hashTypesListed;
void provenancesListed;

/** Names end up in the moderation log as `rule:<name>@<version>`, so they stay plain. */
const slug = (max: number) =>
  z
    .string()
    .max(max)
    .regex(
      /^[a-z0-9][a-z0-9_.-]*$/,
      "lower-case letters, digits, '_', '.', '-', starting with a letter or digit",
    );

const nonEmptyList = <T extends z.ZodType>(item: T) => z.array(item).min(1);

export const BankMatchCondition = z
  .strictObject({
    kind: z.literal("bank_match"),
    signal_types: nonEmptyList(z.enum(HASH_SIGNAL_TYPES)).optional(),
    /** Hamming distance for PDQ; exact digests match at 0. */
    max_distance: z.int().min(0).max(256).optional(),
    /** PDQ quality of the query image; a match whose quality is unknown passes (see rules/README.md). */
    min_quality: z.int().min(0).max(100).optional(),
    provenance: z.enum(PROVENANCES).optional(),
    banks: nonEmptyList(z.string().min(1).max(200)).optional(),
    fields: nonEmptyList(z.enum(MEDIA_FIELDS)).optional(),
  })
  .describe("a bank match, never one on an ignored entry, passing every filter given");

export const TextScoreCondition = z
  .strictObject({
    kind: z.literal("text_score"),
    min_score: z.number().min(0).max(1),
    fields: nonEmptyList(z.enum(TEXT_FIELDS)).optional(),
    category: z.string().min(1).max(100).optional(),
  })
  .describe("a text signal scoring at least min_score");

export const EventTypeCondition = z.strictObject({
  kind: z.literal("event_type"),
  in: nonEmptyList(z.enum(EVENT_TYPES)),
});

export const SubjectTypeCondition = z.strictObject({
  kind: z.literal("subject_type"),
  in: nonEmptyList(z.enum(SUBJECT_TYPES)),
});

export const PlatformCondition = z.strictObject({
  kind: z.literal("platform"),
  in: nonEmptyList(z.string().min(1).max(40)),
});

// Getters let the composites refer to Condition before it is defined (zod 4's recursive objects).
export const AllCondition = z.strictObject({
  kind: z.literal("all"),
  get conditions() {
    return nonEmptyList(Condition);
  },
});

export const AnyCondition = z.strictObject({
  kind: z.literal("any"),
  get conditions() {
    return nonEmptyList(Condition);
  },
});

export const NotCondition = z.strictObject({
  kind: z.literal("not"),
  get condition() {
    return Condition;
  },
});

export type Condition =
  | z.infer<typeof BankMatchCondition>
  | z.infer<typeof TextScoreCondition>
  | z.infer<typeof EventTypeCondition>
  | z.infer<typeof SubjectTypeCondition>
  | z.infer<typeof PlatformCondition>
  | { kind: "all"; conditions: Condition[] }
  | { kind: "any"; conditions: Condition[] }
  | { kind: "not"; condition: Condition };

export const Condition: z.ZodType<Condition, Condition> = z
  .discriminatedUnion("kind", [
    BankMatchCondition,
    TextScoreCondition,
    EventTypeCondition,
    SubjectTypeCondition,
    PlatformCondition,
    AllCondition,
    AnyCondition,
    NotCondition,
  ])
  .meta({ id: "Condition", description: "when: a condition on the event, composable with all, any and not" });
export type ConditionKind = Condition["kind"];

/**
 * Who an action is sent about: the event's subject, the group or account the
 * event names, or every admin Vigil knows for the group (one action each).
 */
export const ACTION_TARGETS = ["subject", "group", "account", "group_admins"] as const;
export type ActionTarget = (typeof ACTION_TARGETS)[number];

export const RuleAction = z.strictObject({
  action: z.enum(ACTION_KINDS),
  target: z.enum(ACTION_TARGETS),
});
export type RuleAction = z.infer<typeof RuleAction>;

export const RuleReview = z.strictObject({
  queue: slug(64),
  priority: z.int().min(0).max(100),
});

/**
 * Close the report automatically (issue 16): the report still gets its case,
 * opened and closed at once, counted and listed (GET /v1/reports/auto-closed);
 * never for a child-safety reason, and only in a rule marked automatic.
 */
export const CloseReports = z.strictObject({ reason: z.string().min(1).max(500) });

export const RuleOutcome = z
  .strictObject({
    actions: nonEmptyList(RuleAction).optional(),
    review: RuleReview.optional(),
    close_reports: CloseReports.optional(),
  })
  .refine((o) => o.actions !== undefined || o.review !== undefined || o.close_reports !== undefined, {
    message: "then needs actions, a review, close_reports, or a combination",
  });
export type RuleOutcome = z.infer<typeof RuleOutcome>;

export const Rule = z.strictObject({
  name: slug(100),
  version: z.int().min(1),
  mode: z.enum(RULE_MODES),
  enabled: z.boolean().default(true),
  /** An operator's explicit consent that this rule may act without a confirmed bank match. */
  automatic: z.boolean().optional(),
  description: z.string().max(2000).optional(),
  when: Condition,
  // The rule language's own word (biome.json allows it here): an object, never callable, so a Rule is not a thenable.
  then: RuleOutcome,
});
export type Rule = z.infer<typeof Rule>;
/** A rule as written, before defaults (what a test or a file may omit). */
export type RuleInput = z.input<typeof Rule>;

export const RuleSetFile = z
  .strictObject({
    /** Lets editors find rules/schema.json; ignored by Vigil. */
    $schema: z.string().optional(),
    rules: z.array(Rule),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, index) => {
      if (seen.has(rule.name))
        ctx.addIssue({
          code: "custom",
          path: ["rules", index, "name"],
          message: `a rule named ${rule.name} appears earlier in this set; names must be unique`,
        });
      seen.add(rule.name);
    });
  });
export type RuleSetFile = z.infer<typeof RuleSetFile>;
