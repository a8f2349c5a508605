import fc from "fast-check";
import type { Caller, Rpc, Wire } from "./explore-request.js";
import type {
  CallOptions,
  ClassChoice,
  PoolRef,
  ProjectChoice,
  Sizes,
  Step,
  StepKind,
} from "./explore-step.js";

/** What the target offers beyond the project and its first class, and what steps may do. */
export interface StepChoices {
  secondClass: boolean;
  foreignToken: boolean;
  disabledProject: boolean;
  unconfiguredClass: boolean;
  /** Steps that wait for a deleted pool to disappear (left out with --no-wait). */
  waits: boolean;
}

/**
 * How a sequence leans (swarm testing): a sequence that mixes everything rarely strings
 * together the several valid steps a deep defect needs, so some sequences leave out refusals
 * and other organizations and dwell on pools' lives, others on two organizations.
 */
interface Profile {
  kinds: Record<StepKind, number>;
  /** Weight of inputs the target must refuse: malformed wires, IDs and sizes (0: none). */
  invalid: number;
  /** Weight of the foreign token as caller, beside the own token's 14. */
  foreign: number;
  /** Weight of calls without a token. */
  noToken: number;
  /** Weight of snake_case names and unknown fields. */
  naming: number;
}

const PROFILES: readonly { weight: number; profile: Profile }[] = [
  {
    weight: 2,
    profile: {
      kinds: {
        create: 5,
        get: 3,
        update: 4,
        delete: 3,
        list: 3,
        "list-next": 3,
        "await-gone": 2,
      },
      invalid: 1,
      foreign: 2,
      noToken: 1,
      naming: 1,
    },
  },
  {
    weight: 1,
    profile: {
      kinds: {
        create: 5,
        get: 1,
        update: 5,
        delete: 4,
        list: 2,
        "list-next": 3,
        "await-gone": 2,
      },
      invalid: 0,
      foreign: 0,
      noToken: 0,
      naming: 0,
    },
  },
  {
    // Walks over pages while pools come and go.
    weight: 2,
    profile: {
      kinds: {
        create: 5,
        get: 0,
        update: 0,
        delete: 4,
        list: 1,
        "list-next": 7,
        "await-gone": 3,
      },
      invalid: 0,
      foreign: 0,
      noToken: 0,
      naming: 0,
    },
  },
  {
    // Two organizations: the other one reads, changes and deletes the explorer's pools while
    // they live and while they drain (no waiting, so that deleted pools stay DELETING a while).
    weight: 2,
    profile: {
      kinds: {
        create: 4,
        get: 5,
        update: 2,
        delete: 4,
        list: 2,
        "list-next": 1,
        "await-gone": 0,
      },
      invalid: 0,
      foreign: 10,
      noToken: 0,
      naming: 0,
    },
  },
];

type Weighted<T> = { weight: number; arbitrary: fc.Arbitrary<T> };
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>): Weighted<T> => ({ weight, arbitrary });
const c = <T>(weight: number, value: T): Weighted<T> => w(weight, fc.constant(value));
/**
 * A weighted choice; entries of weight 0 (what the target lacks, what a profile leaves out)
 * are dropped. Shrinking moves towards the first entry: the plainest request.
 */
function choose<T>(...entries: Weighted<T>[]): fc.Arbitrary<T> {
  return fc.oneof({ withCrossShrink: true }, ...entries.filter((e) => e.weight > 0));
}

// Valid wires first and heavier; each refusal the model knows (415, unimplemented,
// invalid_argument, 405, 404) now and then.
function wires(rpc: Rpc, invalid: number): fc.Arbitrary<Wire> {
  const read = rpc === "GetWarmPool" || rpc === "ListWarmPools";
  return choose<Wire>(
    c(24, "json"),
    c(4, "connect-json"),
    c(4, "gzip"),
    c(read ? 4 : invalid, "get"),
    c(read ? 2 : 0, "get-base64"),
    c(rpc === "ListWarmPools" ? 6 : 0, "query-paging"),
    c(invalid, "text-plain"),
    c(invalid, "unknown-encoding"),
    c(invalid, "bad-timeout"),
    c(invalid, "protocol-v2"),
    c(invalid, "put"),
    c(invalid, "empty-body"),
    c(invalid, "wrong-case-path"),
  );
}

function callOptions(rpc: Rpc, choices: StepChoices, profile: Profile): fc.Arbitrary<CallOptions> {
  // Another organization has no project of the explorer's to create on: it mostly reads, changes
  // and deletes the explorer's pools.
  const foreign = rpc === "CreateWarmPool" ? Math.min(profile.foreign, 1) : profile.foreign;
  return fc.record({
    caller: choose<Caller>(
      c(14, "own"),
      c(choices.foreignToken ? foreign : 0, "foreign"),
      c(profile.noToken, "none"),
    ),
    wire: wires(rpc, profile.invalid),
    snakeCase: choose(c(8, false), c(profile.naming, true)),
    unknownField: choose(c(10, false), c(profile.naming, true)),
  });
}

// Mostly sizes a pool may have (none, bounds in order, one bound, the deprecated single size);
// now and then any mix, min > max among them, and values outside the contract's bounds. An
// update sends one field more often than a create: partial updates are where updates go wrong.
function sizes(profile: Profile, update = false): fc.Arbitrary<Sizes> {
  const low = fc.integer({ min: 0, max: 5 });
  const high = fc.integer({ min: 1, max: 5 });
  const any = choose(w(12, low), w(profile.invalid, fc.constantFrom(20, 21, -1)));
  return choose<Sizes>(
    c(update ? 1 : 3, {}),
    w(
      3,
      fc.tuple(low, high).map(([a, b]) => ({ minSize: Math.min(a, b), maxSize: Math.max(a, b) })),
    ),
    w(
      update ? 4 : 2,
      high.map((maxSize) => ({ maxSize })),
    ),
    w(
      update ? 3 : 1,
      low.map((minSize) => ({ minSize })),
    ),
    w(
      update ? 2 : 4,
      high.map((desiredSize) => ({ desiredSize })),
    ),
    // One bound outside the contract's range: each refused by its own rule.
    w(
      2 * profile.invalid,
      fc
        .tuple(fc.constantFrom("minSize", "maxSize", "desiredSize"), fc.constantFrom(21, -1, 25))
        .map(([field, value]) => ({ [field]: value }) as Sizes),
    ),
    w(
      2,
      fc.record({
        minSize: fc.option(any, { nil: undefined, freq: 2 }),
        maxSize: fc.option(any, { nil: undefined, freq: 2 }),
        desiredSize: fc.option(any, { nil: undefined, freq: 3 }),
      }),
    ),
  );
}

function projects(choices: StepChoices, profile: Profile): fc.Arbitrary<ProjectChoice> {
  return choose<ProjectChoice>(
    c(14, "project"),
    c(choices.disabledProject ? 1 : 0, "disabled-project"),
    c(1, "unknown-project"),
    c(profile.invalid, "not-a-uuid"),
  );
}

function classes(choices: StepChoices, profile: Profile, free = 0): fc.Arbitrary<ClassChoice> {
  return choose<ClassChoice>(
    c(free, "free-class"),
    c(7, "class-1"),
    c(choices.secondClass ? 7 : 0, "class-2"),
    c(choices.unconfiguredClass ? 1 : 0, "unconfigured-class"),
    c(1, "unknown-class"),
    c(profile.invalid, "not-a-uuid"),
  );
}

function poolRef(profile: Profile): fc.Arbitrary<PoolRef> {
  return choose<PoolRef>(
    w(14, fc.record({ kind: fc.constant("created" as const), index: fc.nat({ max: 3 }) })),
    c(1, { kind: "unknown" as const }),
    w(
      profile.invalid,
      fc.record({
        kind: fc.constant("malformed" as const),
        value: fc.constantFrom("not-a-uuid", "", "b0e12f6c-4c67-429d-a4a6-d9838b5da04"),
      }),
    ),
    c(profile.invalid, { kind: "missing" as const }),
  );
}

type ListFilter = Extract<Step, { kind: "list" }>["filter"];

// Filters on the explorer's own pairs most of the time, so that small pages reach its pools
// (a target's other pools come first in a list) while they come and go.
function filters(choices: StepChoices, profile: Profile): fc.Arbitrary<ListFilter> {
  const own: ClassChoice[] = choices.secondClass ? ["class-1", "class-2"] : ["class-1"];
  return choose<ListFilter>(
    c(3, { projects: ["project"], classes: own }),
    c(2, { projects: ["project"] }),
    c(1, {}),
    w(
      2,
      fc.record(
        {
          projects: fc.array(projects(choices, profile), { minLength: 1, maxLength: 2 }),
          classes: fc.array(classes(choices, profile), { minLength: 1, maxLength: 2 }),
        },
        { requiredKeys: [] },
      ),
    ),
  );
}

function stepOf(choices: StepChoices, profile: Profile): fc.Arbitrary<Step> {
  const { kinds } = profile;
  const missing = <T>(arbitrary: fc.Arbitrary<T>) =>
    choose<T | "missing">(w(20, arbitrary), c(profile.invalid, "missing" as const));
  return choose<Step>(
    w(
      kinds.create,
      fc.record({
        kind: fc.constant("create" as const),
        project: missing(projects(choices, profile)),
        environmentClass: missing(classes(choices, profile, 8)),
        sizes: sizes(profile),
        call: callOptions("CreateWarmPool", choices, profile),
      }),
    ),
    w(
      kinds.get,
      fc.record({
        kind: fc.constant("get" as const),
        pool: poolRef(profile),
        call: callOptions("GetWarmPool", choices, profile),
      }),
    ),
    w(
      kinds.update,
      fc.record({
        kind: fc.constant("update" as const),
        pool: poolRef(profile),
        sizes: sizes(profile, true),
        call: callOptions("UpdateWarmPool", choices, profile),
      }),
    ),
    w(
      kinds.delete,
      fc.record({
        kind: fc.constant("delete" as const),
        pool: poolRef(profile),
        call: callOptions("DeleteWarmPool", choices, profile),
        wait: choose(c(2, false), c(choices.waits ? profile.kinds["await-gone"] : 0, true)),
      }),
    ),
    w(
      kinds.list,
      fc.record(
        {
          kind: fc.constant("list" as const),
          filter: filters(choices, profile),
          // Small pages, so that walks span several steps while pools come and go.
          pageSize: choose<number>(
            c(4, 1),
            c(3, 2),
            c(1, 3),
            c(1, 0),
            c(1, 100),
            w(profile.invalid, fc.constantFrom(101, -1)),
          ),
          whole: choose(c(3, false), c(1, true)),
          call: callOptions("ListWarmPools", choices, profile),
        },
        { requiredKeys: ["kind", "filter", "whole", "call"] },
      ),
    ),
    c(kinds["list-next"], { kind: "list-next" as const }),
    w(
      choices.waits ? kinds["await-gone"] : 0,
      fc.record({ kind: fc.constant("await-gone" as const), pool: fc.nat({ max: 3 }) }),
    ),
  );
}

/** Generates one step over the five RPCs, valid and invalid inputs mixed (the mixed profile). */
export function stepArbitrary(choices: StepChoices): fc.Arbitrary<Step> {
  return stepOf(choices, (PROFILES[0] as (typeof PROFILES)[number]).profile);
}

/** Generates a sequence of at most `maxSteps` steps, leaning one profile's way. */
export function sequenceArbitrary<T>(
  choices: StepChoices,
  maxSteps: number,
  toCommand: (step: Step) => fc.AsyncCommand<object, T>,
): fc.Arbitrary<Iterable<fc.AsyncCommand<object, T>>> {
  return choose(...PROFILES.map(({ weight, profile }) => c(weight, profile))).chain((profile) =>
    fc.commands([stepOf(choices, profile).map(toCommand)], {
      maxCommands: maxSteps,
      size: "max",
    }),
  );
}
