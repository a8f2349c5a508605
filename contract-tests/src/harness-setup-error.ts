/** The run could not happen: bad options, unreachable target, unusable fixtures (exit code 2). */
export class HarnessSetupError extends Error {
  override name = "HarnessSetupError";
}
