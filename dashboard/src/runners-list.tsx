import { useState } from "preact/hooks";
import type { Runner } from "../../src/generated/admin-types.js";
import { callAdmin } from "./admin-api.js";
import type { MockApi } from "./use-mock-state.js";

/** Runners, healthy or failing, with the button that fails or recovers each. */
export function RunnersList({ mock, runners }: { mock: MockApi; runners: Runner[] }) {
  return (
    <ul class="records">
      {runners.map((runner) => (
        <RunnerItem key={runner.id} mock={mock} runner={runner} />
      ))}
    </ul>
  );
}

function RunnerItem({ mock, runner }: { mock: MockApi; runner: Runner }) {
  const [message, setMessage] = useState("runner unreachable");
  const failing = runner.failureMessage !== undefined;
  return (
    <li data-runner-id={runner.id}>
      <strong>{runner.name}</strong> <code>{runner.id}</code>{" "}
      <span class={failing ? "phase phase-degraded" : "phase phase-ready"}>
        {failing ? `failing: ${runner.failureMessage}` : "healthy"}
      </span>{" "}
      {failing ? (
        <button
          type="button"
          onClick={() =>
            void mock.act(`Recovered runner ${runner.name}`, () =>
              callAdmin("recoverRunner", { params: { id: runner.id } }),
            )
          }
        >
          Recover runner {runner.name}
        </button>
      ) : (
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void mock.act(`Failed runner ${runner.name}`, () =>
              callAdmin("degradeRunner", { params: { id: runner.id }, body: { message } }),
            );
          }}
        >
          <input
            type="text"
            required
            maxLength={500}
            aria-label={`Failure message for runner ${runner.name}`}
            value={message}
            onInput={(e) => setMessage(e.currentTarget.value)}
          />{" "}
          <button type="submit">Fail runner {runner.name}</button>
        </form>
      )}
    </li>
  );
}
