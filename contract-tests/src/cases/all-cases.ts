import type { ContractCase } from "../contract-case.js";
import { CREATE_CASES } from "./create-cases.js";
import { ERROR_CASES } from "./error-cases.js";
import { LIST_CASES } from "./list-cases.js";
import { PROTOCOL_CASES } from "./protocol-cases.js";
import { LIFECYCLE_CASES, UPDATE_DELETE_CASES } from "./update-delete-cases.js";
import { VALIDATION_CASES } from "./validation-cases.js";

/**
 * Every case, in the order they run: protocol and validation first (they need no pool), then
 * the cases that create pools of their own, then those sharing one pool per pair (so the
 * shared pool survives between them), then updates and deletion.
 */
export const ALL_CASES: readonly ContractCase[] = [
  ...PROTOCOL_CASES,
  ...VALIDATION_CASES,
  ...CREATE_CASES,
  ...ERROR_CASES,
  ...LIST_CASES,
  ...UPDATE_DELETE_CASES,
  ...LIFECYCLE_CASES,
];
