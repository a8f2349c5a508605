import { ConnectError } from "../../errors/connect-error.js";
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
    handle({ faults }, { body }) {
      return { status: 201, body: faults.add(body) };
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
