import type { FieldPathElement } from "../errors/connect-error.js";

// Field numbers and types in buf/validate/validate.proto (FieldConstraints and its rule
// messages); src/protocol/rule-path.test.ts checks each against the descriptors that
// @bufbuild/protovalidate bundles.
const TYPE_UINT64 = 4;
const TYPE_INT32 = 5;
const TYPE_BOOL = 8;
const TYPE_MESSAGE = 11;

const element = (fieldName: string, fieldNumber: number, fieldType: number): FieldPathElement => ({
  fieldName,
  fieldNumber,
  fieldType,
});

/** The rule messages of FieldConstraints.type, and the type their bounds have. */
const RULE_GROUPS: Readonly<Record<string, { number: number; boundType: number }>> = {
  int32: { number: 3, boundType: TYPE_INT32 },
  uint64: { number: 6, boundType: TYPE_UINT64 },
  string: { number: 14, boundType: TYPE_UINT64 },
  enum: { number: 16, boundType: 0 },
  repeated: { number: 18, boundType: TYPE_UINT64 },
  // A Duration bound is a google.protobuf.Duration message.
  duration: { number: 21, boundType: TYPE_MESSAGE },
};

/** Rules inside a group, by the first word of the rule id after the group's name. */
const GROUP_RULES: Readonly<Record<string, Readonly<Record<string, [number, "bound" | "bool"]>>>> =
  {
    int32: { lt: [2, "bound"], lte: [3, "bound"], gt: [4, "bound"], gte: [5, "bound"] },
    uint64: { lt: [2, "bound"], lte: [3, "bound"], gt: [4, "bound"], gte: [5, "bound"] },
    // `string.uuid_empty` is the uuid rule's verdict on "" (`string.uri_empty` the uri rule's).
    string: {
      min_len: [2, "bound"],
      max_len: [3, "bound"],
      uri: [17, "bool"],
      uuid: [22, "bool"],
    },
    enum: { defined_only: [2, "bool"] },
    repeated: { min_items: [1, "bound"], max_items: [2, "bound"] },
    duration: { lt: [3, "bound"], lte: [4, "bound"], gt: [5, "bound"], gte: [6, "bound"] },
  };

const REQUIRED = element("required", 25, TYPE_BOOL);
const ITEMS = [element("repeated", 18, TYPE_MESSAGE), element("items", 4, TYPE_MESSAGE)];

/**
 * The path of a protovalidate rule inside FieldConstraints, as protovalidate reports it in
 * `Violation.rule`: `string.uuid` (14.22), or `repeated.items.string.uuid` (18.4.14.22) when
 * the rule is on the items of a repeated field. A range such as `int32.gte_lte` is reported
 * at its lower bound (`int32.gte`), the rule that carries the combined id. [] when unknown.
 */
export function rulePathFor(ruleId: string, onItem = false): readonly FieldPathElement[] {
  const path = ownRulePath(ruleId);
  return onItem && path.length > 0 ? [...ITEMS, ...path] : path;
}

function ownRulePath(ruleId: string): FieldPathElement[] {
  if (ruleId === "required") return [REQUIRED];
  const [groupName = "", rule = ""] = ruleId.split(".", 2);
  const group = RULE_GROUPS[groupName];
  const rules = GROUP_RULES[groupName];
  if (!group || !rules) return [];
  // Bound rules are named lower-bound first (gte_lte); flags may contain `_` (defined_only,
  // min_len), so the longest name that fits wins.
  const name = Object.keys(rules)
    .filter((r) => rule === r || rule.startsWith(`${r}_`))
    .sort((a, b) => b.length - a.length)[0];
  const found = name === undefined ? undefined : rules[name];
  if (name === undefined || !found) return [];
  const [number, kind] = found;
  return [
    element(groupName, group.number, TYPE_MESSAGE),
    element(name, number, kind === "bool" ? TYPE_BOOL : group.boundType),
  ];
}
