import { useCallback, useMemo, useState } from "preact/hooks";
import { ClockPanel } from "./clock-panel.js";
import { useConfirm } from "./confirm-dialog.js";
import { ConnectionBanner } from "./connection-banner.js";
import { type Dashboard, DashboardContext } from "./dashboard-context.js";
import { DetailsPanel } from "./details-panel.js";
import { FaultsPanel } from "./faults-panel.js";
import { Feedback } from "./feedback.js";
import { JournalPanel } from "./journal-panel.js";
import { NO_FILTERS, type PoolFilters } from "./pool-filters.js";
import { PoolsPanel } from "./pools-panel.js";
import { RecordsPanel } from "./records-panel.js";
import { TokenForm } from "./token-form.js";
import { useMock } from "./use-mock.js";
import { WorldPanel } from "./world-panel.js";

const WORLD_SOURCES = {
  "start-up": "the start-up world",
  scenario: "the scenario's world",
  uploaded: "an uploaded world",
  file: "a world file",
};

/** The whole page: what is in force, clock and world actions, pools, records, faults, journal. */
export function App() {
  const mock = useMock();
  const [filters, setFilters] = useState<PoolFilters>(NO_FILTERS);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [confirm, dialog] = useConfirm();
  const { model } = mock;
  const tokenFor = useCallback(
    (organizationId: string) =>
      chosen[organizationId] ?? model.principalsOf(organizationId)[0]?.token ?? model.defaultToken,
    [chosen, model],
  );
  const actAs = useCallback(
    (organizationId: string, token: string) =>
      setChosen((c) => ({ ...c, [organizationId]: token })),
    [],
  );
  const dashboard: Dashboard = useMemo(
    () => ({ mock, filters, setFilters, tokenFor, actAs, confirm }),
    [mock, filters, tokenFor, actAs, confirm],
  );
  const { scenario, clock } = mock;
  return (
    <DashboardContext.Provider value={dashboard}>
      <header>
        <h1>warm-pool-mock</h1>
        <ConnectionBanner state={mock.connection} onRetry={mock.connect} />
        {scenario && clock && (
          <p class="in-force" data-testid="in-force">
            Scenario: <strong data-testid="scenario-name">{scenario.name ?? "none"}</strong> (
            {WORLD_SOURCES[scenario.world]}
            {scenario.path ? ` ${scenario.path}` : ""}) · Clock: <strong>{clock.mode}</strong>
          </p>
        )}
      </header>
      <main>
        {mock.connection.kind === "needs-token" ? (
          <TokenForm wrong={mock.connection.wrong} onToken={mock.connect} />
        ) : (
          <>
            <div class="columns">
              <ClockPanel />
              <WorldPanel />
            </div>
            <PoolsPanel />
            <RecordsPanel />
            <FaultsPanel />
            <JournalPanel />
          </>
        )}
      </main>
      <DetailsPanel />
      <Feedback state={mock.feedback} onDismiss={mock.dismissFeedback} />
      {dialog}
    </DashboardContext.Provider>
  );
}
