import { useState } from "preact/hooks";
import {
  type ConnectCode,
  type Fault,
  type FaultInput,
  RPC_LABELS,
} from "../../src/generated/admin-types.js";
import { callAdmin } from "./admin-api.js";
import { useDashboard } from "./dashboard-context.js";
import { SelectField } from "./select-field.js";

const RPC_CHOICES = [
  { value: "*", label: "every RPC" },
  ...RPC_LABELS.map((name) => ({ value: name, label: name })),
];

const CODES: ConnectCode[] = [
  "unavailable",
  "internal",
  "deadline_exceeded",
  "resource_exhausted",
  "permission_denied",
  "unauthenticated",
  "not_found",
  "already_exists",
  "failed_precondition",
  "invalid_argument",
  "aborted",
  "unknown",
];

const CODE_CHOICES = [
  { value: "", label: "no error" },
  ...CODES.map((c) => ({ value: c, label: c })),
];

function describeLatency(latency: Fault["latencyMs"]): string {
  if (latency === undefined) return "";
  return typeof latency === "number" ? `${latency} ms` : `${latency.minMs}–${latency.maxMs} ms`;
}

/** The fault rules with their hit counts; add one in a short form, remove one in a click. */
export function FaultsPanel() {
  const { mock } = useDashboard();
  const [rpc, setRpc] = useState<FaultInput["rpc"]>("*");
  const [code, setCode] = useState<ConnectCode | "">("unavailable");
  const [latency, setLatency] = useState("");
  const [times, setTimes] = useState("");
  const [probability, setProbability] = useState("");
  const faults = mock.faults;
  return (
    <section class="panel" aria-labelledby="faults-heading">
      <h2 id="faults-heading">Fault rules</h2>
      <form
        class="inline"
        aria-label="Add a fault rule"
        onSubmit={(e) => {
          e.preventDefault();
          const input: FaultInput = { rpc };
          if (code) input.error = { code };
          if (latency) input.latencyMs = Number(latency);
          if (times) input.times = Number(times);
          if (probability) input.probability = Number(probability);
          void mock.act(
            e.currentTarget.querySelector("button[type=submit]"),
            `Added a fault rule for ${rpc}`,
            () => callAdmin("addFault", { body: input }),
          );
        }}
      >
        <SelectField
          label="Fault RPC"
          value={rpc}
          options={RPC_CHOICES}
          onChange={(value) => setRpc(value as FaultInput["rpc"])}
        />{" "}
        <SelectField
          label="Error code"
          value={code}
          options={CODE_CHOICES}
          onChange={(value) => setCode(value as ConnectCode)}
        />{" "}
        <label>
          Latency ms{" "}
          <input
            type="number"
            min="0"
            max="600000"
            class="size"
            value={latency}
            onInput={(e) => setLatency(e.currentTarget.value)}
          />
        </label>{" "}
        <label>
          Times{" "}
          <input
            type="number"
            min="1"
            class="size"
            value={times}
            onInput={(e) => setTimes(e.currentTarget.value)}
          />
        </label>{" "}
        <label>
          Probability{" "}
          <input
            type="number"
            min="0"
            max="1"
            step="0.05"
            class="size"
            value={probability}
            onInput={(e) => setProbability(e.currentTarget.value)}
          />
        </label>{" "}
        <button type="submit">Add fault rule</button>{" "}
        <button
          type="button"
          disabled={faults.length === 0}
          onClick={(e) =>
            void mock.act(e.currentTarget, "Removed every fault rule", () =>
              callAdmin("clearFaults"),
            )
          }
        >
          Remove every fault rule
        </button>
      </form>
      {faults.length === 0 ? (
        <p>No fault rules.</p>
      ) : (
        <div class="window">
          <table>
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">RPC</th>
                <th scope="col">Error</th>
                <th scope="col">Latency</th>
                <th scope="col">Times</th>
                <th scope="col">Probability</th>
                <th scope="col">Hits</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {faults.map((f) => (
                <tr key={f.id} data-fault-id={f.id}>
                  <td>{f.id}</td>
                  <td>{f.rpc}</td>
                  <td>
                    {f.error
                      ? `${f.error.code}${f.error.message ? `: ${f.error.message}` : ""}`
                      : ""}
                  </td>
                  <td>{describeLatency(f.latencyMs)}</td>
                  <td>{f.times ?? ""}</td>
                  <td>{f.probability ?? ""}</td>
                  <td data-testid="fault-hits">{f.hits}</td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove fault rule ${f.id}`}
                      onClick={(e) =>
                        void mock.act(e.currentTarget, `Removed fault rule ${f.id}`, () =>
                          callAdmin("deleteFault", { params: { faultId: f.id } }),
                        )
                      }
                    >
                      Remove
                    </button>
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
