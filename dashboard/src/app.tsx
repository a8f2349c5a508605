import { ClockPanel } from "./clock-panel.js";
import { ConnectionBanner } from "./connection-banner.js";
import { FaultsPanel } from "./faults-panel.js";
import { JournalPanel } from "./journal-panel.js";
import { OrganizationView } from "./organization-view.js";
import { TokenForm } from "./token-form.js";
import { useMockState } from "./use-mock-state.js";
import { WorldPanel } from "./world-panel.js";

/** The whole page: connection, clock, world actions, each organization, faults, journal. */
export function App() {
  const mock = useMockState();
  const { world } = mock.state;
  return (
    <>
      <header>
        <h1>warm-pool-mock</h1>
        <ConnectionBanner state={mock.connection} onRetry={mock.connect} />
      </header>
      <main>
        {mock.connection.kind === "needs-token" ? (
          <TokenForm wrong={mock.connection.wrong} onToken={mock.connect} />
        ) : (
          <>
            <p
              class={`outcome ${mock.outcome?.ok === false ? "outcome-error" : ""}`}
              role="status"
              aria-live="polite"
              data-testid="outcome"
            >
              {mock.outcome?.text ?? ""}
            </p>
            <ClockPanel mock={mock} />
            <WorldPanel mock={mock} />
            {world?.organizations.map((org) => (
              <OrganizationView key={org.id} mock={mock} world={world} organization={org} />
            ))}
            <FaultsPanel mock={mock} />
            <JournalPanel mock={mock} />
          </>
        )}
      </main>
    </>
  );
}
