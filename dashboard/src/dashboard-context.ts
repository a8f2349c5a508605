import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { ConfirmRequest } from "./confirm-dialog.js";
import type { PoolFilters } from "./pool-filters.js";
import type { MockApi } from "./use-mock.js";

/** What every panel shares: the mock, the pool filters, who RPCs are sent as, confirmations. */
export interface Dashboard {
  mock: MockApi;
  filters: PoolFilters;
  setFilters: (filters: PoolFilters) => void;
  /** The token RPCs on an organization's records are sent with (its chosen principal). */
  tokenFor: (organizationId: string) => string;
  /** Chooses the principal an organization's RPCs are sent as. */
  actAs: (organizationId: string, token: string) => void;
  confirm: (request: ConfirmRequest) => Promise<boolean>;
}

export const DashboardContext = createContext<Dashboard | undefined>(undefined);

/** The dashboard's shared state; only inside <App>. */
export function useDashboard(): Dashboard {
  const dashboard = useContext(DashboardContext);
  if (!dashboard) throw new Error("useDashboard outside the dashboard");
  return dashboard;
}
