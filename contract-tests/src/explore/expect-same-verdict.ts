import { CaseFailure } from "../case-failure.js";
import type { Exchange } from "../http/api-client.js";
import { CHECKS } from "./explore-checks.js";
import { readRefusal, verdictOf } from "./read-answer.js";

/**
 * Fails unless the target decided as the model did: the same verdict and, for a refusal, the
 * same field paths and rule ids, named in the target's buf.validate.Violations detail too.
 * `nameIds` turns the run's IDs into its names in the failure's lines.
 */
export function expectSameVerdict(
  target: Exchange,
  model: Exchange,
  nameIds: (text: string) => string,
): void {
  const expected = verdictOf(model);
  const actual = verdictOf(target);
  if (expected !== actual) {
    throw new CaseFailure(
      CHECKS.verdict,
      nameIds(withMessage(expected, model)),
      nameIds(withMessage(actual, target)),
      target,
    );
  }
  if (expected !== "invalid_argument") return;
  const m = readRefusal(model);
  const t = readRefusal(target);
  const problem =
    m.violations.join(", ") !== t.violations.join(", ")
      ? ["violations", m.violations.join(", ") || "none", t.violations.join(", ") || "none"]
      : m.detailTypes.join(", ") !== t.detailTypes.join(", ")
        ? ["detail types", m.detailTypes.join(", ") || "none", t.detailTypes.join(", ") || "none"]
        : undefined;
  if (problem) {
    throw new CaseFailure(
      CHECKS.refusal,
      `${problem[0]} ${problem[1]}`,
      `${problem[0]} ${problem[2]}`,
      target,
    );
  }
  for (const violation of m.violations) {
    const [path = "", rule = ""] = violation.split(" [");
    const field =
      path
        .split(".")
        .at(-1)
        ?.replace(/\[\d+\]$/, "") ?? "";
    const ruleId = rule.replace(/\]$/, "");
    if (!t.detailText.includes(field) || !t.detailText.includes(ruleId)) {
      throw new CaseFailure(
        CHECKS.refusal,
        `a buf.validate.Violations detail naming ${field} and ${ruleId}`,
        "a detail without them",
        target,
      );
    }
  }
}

// A verdict with the answer's message, for a failure's expected and actual lines.
function withMessage(verdict: string, exchange: Exchange): string {
  const message = (exchange.json as { message?: unknown } | undefined)?.message;
  if (verdict === "ok") return `ok (${exchange.text.slice(0, 200)})`;
  return typeof message === "string" && message ? `${verdict}: ${message.slice(0, 300)}` : verdict;
}
