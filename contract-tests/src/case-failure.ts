import type { Exchange } from "./http/api-client.js";

/** What a failed check reports: the rule, what it expected, what came back, how to reproduce. */
export interface FailureDetail {
  /** The rule the failing check enforces, in the contract's words. */
  check: string;
  expected: string;
  actual: string;
  /** A curl line that reproduces the request whose answer broke the rule. */
  curl?: string;
  /** Status and body of that answer. */
  response?: { status: number; body: string };
  /**
   * Contract checks (schema, error body, status table) that the same answer breaks too. The
   * case's own check comes first: it says what went wrong; these say what else is off.
   */
  alsoBroken?: { check: string; expected: string; actual: string }[];
}

/** Thrown by a check inside a case; the runner records it as the case's failure. */
export class CaseFailure extends Error {
  readonly detail: FailureDetail;

  constructor(
    check: string,
    expected: string,
    actual: string,
    /** The answer that broke the rule, if one did. */
    readonly exchange?: Exchange,
  ) {
    super(`${check}: expected ${expected}, got ${actual}`);
    this.name = "CaseFailure";
    this.detail = {
      check,
      expected,
      actual,
      ...(exchange
        ? {
            curl: exchange.curl,
            response: { status: exchange.status, body: truncate(exchange.text, 4000) },
          }
        : {}),
    };
  }
}

/** Shortens long text for reports, saying how much was cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Renders a value compactly for an expected/actual line. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing (absent)";
  return truncate(JSON.stringify(value) ?? String(value), 600);
}
