import { useEffect, useState } from "preact/hooks";
import { type JournalEntry, RPC_LABELS } from "../../src/generated/admin-types.js";
import { callAdmin } from "./admin-api.js";
import { useDashboard } from "./dashboard-context.js";
import { SelectField } from "./select-field.js";
import { toCurl } from "./to-curl.js";

const RPC_CHOICES = [
  { value: "", label: "every RPC" },
  ...RPC_LABELS.map((name) => ({ value: name, label: name })),
];

/**
 * The newest RPC calls first, filterable by RPC; a call opens in the inspector below with its
 * request (headers, body) and the mock's answer (status, headers, body), and copies as curl.
 */
export function JournalPanel() {
  const d = useDashboard();
  const { journal, journalRpc, setJournalRpc } = d.mock;
  const [chosen, setChosen] = useState<number | undefined>();
  return (
    <section class="panel" aria-labelledby="journal-heading">
      <h2 id="journal-heading">Request journal</h2>
      <div class="row">
        <SelectField
          label="Show calls to"
          value={journalRpc}
          options={RPC_CHOICES}
          onChange={setJournalRpc}
        />
        <button
          type="button"
          onClick={(e) =>
            void d.mock.act(e.currentTarget, "Cleared the journal", () => callAdmin("clearJournal"))
          }
        >
          Clear the journal
        </button>
      </div>
      {journal.length === 0 ? (
        <p>No calls recorded.</p>
      ) : (
        <div class="window" style={{ maxHeight: "18rem" }}>
          <table class="fixed journal" aria-label="Recorded calls">
            <colgroup>
              <col style={{ width: "4rem" }} />
              <col style={{ width: "6rem" }} />
              <col />
              <col style={{ width: "5rem" }} />
              <col style={{ width: "11rem" }} />
              <col style={{ width: "6rem" }} />
              <col style={{ width: "6rem" }} />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Time</th>
                <th scope="col">RPC</th>
                <th scope="col">Status</th>
                <th scope="col">Code</th>
                <th scope="col">Latency</th>
                <th scope="col">Forced by</th>
              </tr>
            </thead>
            <tbody>
              {journal.map((e) => (
                <tr key={e.id} data-journal-id={e.id} class={chosen === e.id ? "chosen" : ""}>
                  <td>
                    <button
                      type="button"
                      class="link"
                      aria-label={`Inspect call ${e.id}`}
                      aria-pressed={chosen === e.id}
                      onClick={() => setChosen(chosen === e.id ? undefined : e.id)}
                    >
                      {e.id}
                    </button>
                  </td>
                  <td title={e.time}>{e.time.slice(11, 19)}</td>
                  <td data-testid="journal-rpc">{e.rpc}</td>
                  <td>{e.status}</td>
                  <td data-testid="journal-code">{e.code ?? (e.status === 200 ? "ok" : "")}</td>
                  <td>{e.latencyMs} ms</td>
                  <td>{e.forcedBy ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen !== undefined && <Inspector id={chosen} />}
    </section>
  );
}

/** One call as the journal keeps it, read whole (GET /_admin/journal/{entryId}). */
function Inspector({ id }: { id: number }) {
  const d = useDashboard();
  const [entry, setEntry] = useState<JournalEntry | undefined>();
  const [error, setError] = useState("");
  useEffect(() => {
    setEntry(undefined);
    callAdmin("getJournalEntry", { params: { entryId: id } }).then(setEntry, (e: Error) =>
      setError(e.message),
    );
  }, [id]);
  if (error) return <p role="alert">{error}</p>;
  if (!entry) return <p>Reading call {id}…</p>;
  const curl = toCurl(entry, location.origin);
  return (
    <section class="inspector" aria-label={`Call ${id}`}>
      <div class="columns">
        <div>
          <h3>
            Request: {entry.httpMethod} <code>{entry.path}</code>
          </h3>
          <Headers headers={entry.requestHeaders} testId="request-headers" />
          <Body entry={entry} testId="request-body" />
        </div>
        <div>
          <h3>
            Answer: <span data-testid="answer-status">{entry.answer?.status ?? entry.status}</span>
          </h3>
          <Headers headers={entry.answer?.headers} testId="answer-headers" />
          {entry.answer && <Body entry={entry.answer} testId="answer-body" />}
        </div>
      </div>
      <div class="row">
        <button
          type="button"
          onClick={(e) =>
            void d.mock.act(e.currentTarget, "Copied the call as curl", () =>
              navigator.clipboard.writeText(curl),
            )
          }
        >
          Copy as curl
        </button>
      </div>
      <pre class="body" data-testid="curl">
        {curl}
      </pre>
    </section>
  );
}

function Headers({
  headers,
  testId,
}: {
  headers: Record<string, string> | undefined;
  testId: string;
}) {
  return (
    <dl class="headers" data-testid={testId}>
      {Object.entries(headers ?? {}).map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

// A body as the journal shows it: parsed JSON, pretty; otherwise base64 with why.
function Body({
  entry,
  testId,
}: {
  entry: { body?: unknown; bodyBase64?: string; bodyNote?: string };
  testId: string;
}) {
  if (entry.body !== undefined) {
    return (
      <pre class="body" data-testid={testId}>
        {JSON.stringify(entry.body, null, 2)}
      </pre>
    );
  }
  if (entry.bodyBase64) {
    return (
      <pre class="body" data-testid={testId}>
        base64{entry.bodyNote ? ` (${entry.bodyNote})` : ""}: {entry.bodyBase64.slice(0, 2000)}
      </pre>
    );
  }
  return <p class="note">No body.</p>;
}
