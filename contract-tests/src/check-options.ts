import type { HarnessOptions } from "./harness-options.js";
import { HarnessSetupError } from "./harness-setup-error.js";
import { sameId } from "./same-id.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses options a run cannot work with, before any request is sent. */
export function checkOptions(options: HarnessOptions): void {
  let url: URL;
  try {
    url = new URL(options.baseUrl);
  } catch {
    throw new HarnessSetupError(`--base-url ${JSON.stringify(options.baseUrl)} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new HarnessSetupError(`--base-url must be http:// or https://, got ${url.protocol}`);
  }
  const ids: [string, string | undefined][] = [
    ["--project-id", options.projectId],
    ["--environment-class-id", options.environmentClassId],
    ["--second-environment-class-id", options.secondEnvironmentClassId],
    ["--disabled-project-id", options.disabledProjectId],
    ["--unconfigured-environment-class-id", options.unconfiguredEnvironmentClassId],
  ];
  for (const [name, value] of ids) {
    if (value !== undefined && !UUID.test(value))
      throw new HarnessSetupError(`${name} must be a UUID, got ${JSON.stringify(value)}`);
  }
  if (
    options.secondEnvironmentClassId &&
    sameId(options.secondEnvironmentClassId, options.environmentClassId)
  ) {
    throw new HarnessSetupError(
      "--second-environment-class-id must differ from --environment-class-id",
    );
  }
  const unconfigured = options.unconfiguredEnvironmentClassId;
  if (
    unconfigured &&
    [options.environmentClassId, options.secondEnvironmentClassId].some(
      (c) => c && sameId(c, unconfigured),
    )
  ) {
    throw new HarnessSetupError(
      "--unconfigured-environment-class-id must be a class outside the project's prebuild configuration, not one the harness creates pools for",
    );
  }
  if (options.disabledProjectId && sameId(options.disabledProjectId, options.projectId)) {
    throw new HarnessSetupError("--disabled-project-id must differ from --project-id");
  }
  if (!options.credential.token) throw new HarnessSetupError("--token must not be empty");
  for (const [name, value] of [
    ["--timeout", options.timeoutMs],
    ["--wait-timeout", options.waitTimeoutMs],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0)
      throw new HarnessSetupError(`${name} must be a positive number of milliseconds`);
  }
}
