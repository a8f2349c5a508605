/**
 * Thrown when a case needs a pair the run has given up on (a pool the harness deleted there
 * never disappeared): the case is skipped with this reason instead of waiting again.
 */
export class PairUnusableError extends Error {
  override name = "PairUnusableError";
}
