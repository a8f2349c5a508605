import { RPC_LABELS } from "../../src/generated/admin-types.js";
import { callAdmin } from "./admin-api.js";
import { SelectField } from "./select-field.js";
import type { MockApi } from "./use-mock-state.js";

/** The newest RPC calls first, filterable by RPC. */
export function JournalPanel({ mock }: { mock: MockApi }) {
  const entries = mock.state.journal;
  return (
    <section class="panel" aria-labelledby="journal-heading">
      <h2 id="journal-heading">Request journal</h2>
      <div class="row">
        <SelectField
          label="Show calls to"
          value={mock.journalRpc}
          options={[
            { value: "", label: "every RPC" },
            ...RPC_LABELS.map((name) => ({ value: name, label: name })),
          ]}
          onChange={mock.setJournalRpc}
        />{" "}
        <button
          type="button"
          onClick={() => void mock.act("Cleared the journal", () => callAdmin("clearJournal"))}
        >
          Clear the journal
        </button>
      </div>
      {entries.length === 0 ? (
        <p>No calls recorded.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time</th>
                <th scope="col">RPC</th>
                <th scope="col">Method</th>
                <th scope="col">Status</th>
                <th scope="col">Code</th>
                <th scope="col">Latency</th>
                <th scope="col">Forced by</th>
                <th scope="col">Request body</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-journal-id={e.id}>
                  <td>{e.id}</td>
                  <td>{e.time}</td>
                  <td data-testid="journal-rpc">{e.rpc}</td>
                  <td>{e.httpMethod}</td>
                  <td>{e.status}</td>
                  <td data-testid="journal-code">{e.code ?? (e.status === 200 ? "ok" : "")}</td>
                  <td>{e.latencyMs} ms</td>
                  <td>{e.forcedBy ?? ""}</td>
                  <td>
                    {e.body !== undefined ? (
                      <pre class="body">{JSON.stringify(e.body)}</pre>
                    ) : e.bodyBase64 ? (
                      <code title={e.bodyNote}>
                        base64 {e.bodyBase64.slice(0, 40)}
                        {e.bodyNote ? ` (${e.bodyNote})` : ""}
                      </code>
                    ) : (
                      ""
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
