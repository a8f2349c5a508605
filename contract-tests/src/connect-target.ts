import type { HarnessOptions } from "./harness-options.js";
import { ApiClient, type Credential } from "./http/api-client.js";
import { PoolTracker } from "./pool-tracker.js";
import { registerCreatedPool } from "./register-created-pool.js";

/** The clients a run talks to the target with, and the tracker of the pools it creates. */
export interface TargetConnection {
  /** The run's own calls: cut short by the interrupt; every pool they create is tracked. */
  client: ApiClient;
  /** Probes and cleanup: they ignore the interrupt, since cleanup must still run after Ctrl-C. */
  housekeeping: ApiClient;
  tracker: PoolTracker;
}

/** Connects a run (the named cases or explore) to the target. */
export function connectTarget(options: HarnessOptions, signal?: AbortSignal): TargetConnection {
  const housekeeping = new ApiClient(options.baseUrl, options.credential, options.timeoutMs);
  const tracker = new PoolTracker(housekeeping, options.waitTimeoutMs);
  const credentials = [options.credential, options.foreignCredential].filter(
    (c): c is Credential => !!c,
  );
  const client = new ApiClient(
    options.baseUrl,
    options.credential,
    options.timeoutMs,
    (exchange) => registerCreatedPool(exchange, tracker, credentials),
    signal,
  );
  return { client, housekeeping, tracker };
}
