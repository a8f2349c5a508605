import { ConnectError } from "../../protocol/connect-error.js";
import { defineRoute } from "./admin-route.js";

/** Add, list and remove fault rules. */
export const FAULT_ROUTES = [
  defineRoute({
    operationId: "listFaults",
    mutates: false,
    handle: ({ faults }) => ({ body: { faults: faults.list() } }),
  }),
  defineRoute({
    operationId: "addFault",
    mutates: false,
    handle({ faults }, { body: input }) {
      if (input.latencyMs === undefined && input.error === undefined) {
        throw new ConnectError("invalid_argument", "a fault needs latencyMs, error or both");
      }
      const latency = input.latencyMs;
      if (typeof latency === "object" && latency.minMs > latency.maxMs) {
        throw new ConnectError(
          "invalid_argument",
          `latencyMs.minMs (${latency.minMs}) must not exceed latencyMs.maxMs (${latency.maxMs})`,
        );
      }
      return { status: 201, body: faults.add(input) };
    },
  }),
  defineRoute({
    operationId: "clearFaults",
    mutates: false,
    handle({ faults }) {
      faults.clear();
      return { status: 204 };
    },
  }),
  defineRoute({
    operationId: "deleteFault",
    mutates: false,
    handle({ faults }, { params: { faultId } }) {
      if (!faults.remove(faultId))
        throw new ConnectError("not_found", `fault ${faultId} not found`);
      return { status: 204 };
    },
  }),
];
