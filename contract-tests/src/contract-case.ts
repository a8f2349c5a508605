import type { CaseContext } from "./case-context.js";

/** What a target may lack; cases that need it are skipped, with the reason, when it is absent. */
export type Capability =
  | "second-class"
  | "foreign-token"
  | "disabled-project"
  | "unconfigured-class"
  /** The contract document describes the page's RPCs (projects, classes, runners, prebuilds). */
  | "page-services";

/** One named check of the contract. */
export interface ContractCase {
  /** `group.what-it-checks`, the name --only/--skip and the reports use. */
  name: string;
  /** The rule it checks, in the contract's words. */
  rule: string;
  needs?: readonly Capability[];
  run(ctx: CaseContext): Promise<void>;
}
