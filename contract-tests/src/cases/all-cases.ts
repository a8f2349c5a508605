import type { ContractCase } from "../contract-case.js";
import { CONNECT_GET_CASES } from "./connect-get-cases.js";
import { CREATE_CASES } from "./create-cases.js";
import { ERROR_CASES } from "./error-cases.js";
import { LIST_CASES } from "./list-cases.js";
import { PAGE_CASES } from "./page-cases.js";
import { PROTOCOL_CASES } from "./protocol-cases.js";
import { LIFECYCLE_CASES, UPDATE_DELETE_CASES } from "./update-delete-cases.js";
import { VALIDATION_CASES } from "./validation-cases.js";

/**
 * Every case, in the order they run: protocol and validation first (they need no pool), then
 * the cases that create pools of their own, then those sharing one pool per pair (so the
 * shared pool survives between them), then updates and deletion. Connect GET reads the shared
 * pool; refusing GET on the other RPCs needs no pool.
 */
export const ALL_CASES: readonly ContractCase[] = [
  ...PROTOCOL_CASES,
  ...VALIDATION_CASES,
  ...CREATE_CASES,
  ...ERROR_CASES,
  ...CONNECT_GET_CASES,
  ...LIST_CASES,
  ...PAGE_CASES,
  ...UPDATE_DELETE_CASES,
  ...LIFECYCLE_CASES,
];
