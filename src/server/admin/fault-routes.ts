import { ConnectError } from "../../errors/connect-error.js";
import type { FaultInput } from "../../rpc/fault-registry.js";
import type { AdminRoute } from "./admin-route.js";

/** Add, list and remove fault rules. */
export const FAULT_ROUTES: AdminRoute[] = [
  {
    operationId: "listFaults",
    mutates: false,
    handle: ({ faults }) => ({ body: { faults: faults.list() } }),
  },
  {
    operationId: "addFault",
    mutates: false,
    handle({ faults }, { body }) {
      return { status: 201, body: faults.add(body as FaultInput) };
    },
  },
  {
    operationId: "clearFaults",
    mutates: false,
    handle({ faults }) {
      faults.clear();
      return { status: 204 };
    },
  },
  {
    operationId: "deleteFault",
    mutates: false,
    handle({ faults }, { params }) {
      const id = params.faultId ?? "";
      if (!faults.remove(id)) throw new ConnectError("not_found", `fault ${id} not found`);
      return { status: 204 };
    },
  },
];
