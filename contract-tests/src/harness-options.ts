import type { Credential } from "./http/api-client.js";

/** The fixtures of warm-pool-mock's built-in world, used when an option is not given. */
export const MOCK_DEFAULTS = {
  baseUrl: "http://127.0.0.1:4010",
  token: "wpm_acme_alice",
  projectId: "b0e12f6c-4c67-429d-a4a6-d9838b5da047",
  environmentClassId: "d2c94c27-3b76-4a42-b88c-95a85e392c68",
  secondEnvironmentClassId: "2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b85",
  foreignToken: "wpm_globex_bob",
  disabledProjectId: "9c8b7a69-5d4e-4f3a-8b2c-1d0e9f8a7b62",
  unconfiguredEnvironmentClassId: "5e4d3c2b-1a09-4876-b5a4-c3d2e1f0a903",
} as const;

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_WAIT_TIMEOUT_MS = 60_000;

/** Everything a run needs, defaults applied. */
export interface HarnessOptions {
  baseUrl: string;
  credential: Credential;
  projectId: string;
  environmentClassId: string;
  /** Another class with prebuilds enabled in the same project; cases needing it skip without. */
  secondEnvironmentClassId?: string;
  /** A token of another organization; cases needing it skip without. */
  foreignCredential?: Credential;
  /** A project of the caller's organization with prebuilds disabled; cases needing it skip without. */
  disabledProjectId?: string;
  /** A class outside the project's prebuild configuration; cases needing it skip without. */
  unconfiguredEnvironmentClassId?: string;
  /** Case-name patterns (`*` matches anything) to run; empty runs all. */
  only: readonly string[];
  /** Case-name patterns to leave out. */
  skip: readonly string[];
  /** Bound on each HTTP request. */
  timeoutMs: number;
  /** Bound on waiting for asynchronous transitions (a deleted pool disappearing). */
  waitTimeoutMs: number;
  /** The OpenAPI document to judge responses by; the repository's own when absent. */
  openapiPath?: string;
  /** Fail on response fields the schema does not name (otherwise they are warnings). */
  strict: boolean;
}

/** What a caller may give; anything left out takes the mock's defaults. */
export type HarnessInput = Partial<
  Omit<
    HarnessOptions,
    | "secondEnvironmentClassId"
    | "foreignCredential"
    | "disabledProjectId"
    | "unconfiguredEnvironmentClassId"
  >
> & {
  /** An empty string declares that the target has no second class (likewise the next two). */
  secondEnvironmentClassId?: string;
  disabledProjectId?: string;
  unconfiguredEnvironmentClassId?: string;
  /** An empty token declares that the target has no foreign organization. */
  foreignCredential?: Credential;
};

/**
 * Applies defaults. The second class, the disabled project and the unconfigured class default
 * to the mock's only while the project is the mock's too, the foreign token only while the
 * token is: against another target they are capabilities to declare, not guesses.
 */
export function resolveHarnessOptions(input: HarnessInput): HarnessOptions {
  const projectId = input.projectId ?? MOCK_DEFAULTS.projectId;
  const credential = input.credential ?? { token: MOCK_DEFAULTS.token };
  const mockFixture = (given: string | undefined, fixture: string) =>
    given ?? (input.projectId === undefined ? fixture : "");
  const secondEnvironmentClassId = mockFixture(
    input.secondEnvironmentClassId,
    MOCK_DEFAULTS.secondEnvironmentClassId,
  );
  const disabledProjectId = mockFixture(input.disabledProjectId, MOCK_DEFAULTS.disabledProjectId);
  const unconfiguredEnvironmentClassId = mockFixture(
    input.unconfiguredEnvironmentClassId,
    MOCK_DEFAULTS.unconfiguredEnvironmentClassId,
  );
  const foreignCredential =
    input.foreignCredential ??
    (input.credential === undefined ? { token: MOCK_DEFAULTS.foreignToken } : { token: "" });
  return {
    baseUrl: input.baseUrl ?? MOCK_DEFAULTS.baseUrl,
    credential,
    projectId,
    environmentClassId: input.environmentClassId ?? MOCK_DEFAULTS.environmentClassId,
    ...(secondEnvironmentClassId ? { secondEnvironmentClassId } : {}),
    ...(foreignCredential.token ? { foreignCredential } : {}),
    ...(disabledProjectId ? { disabledProjectId } : {}),
    ...(unconfiguredEnvironmentClassId ? { unconfiguredEnvironmentClassId } : {}),
    only: input.only ?? [],
    skip: input.skip ?? [],
    timeoutMs: input.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    waitTimeoutMs: input.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS,
    ...(input.openapiPath ? { openapiPath: input.openapiPath } : {}),
    strict: input.strict ?? false,
  };
}
