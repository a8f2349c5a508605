import type { EnvironmentClass } from "../../src/generated/admin-types.js";
import { callAdmin } from "./admin-api.js";
import type { MockApi } from "./use-mock-state.js";

/** Environment classes, enabled or not, with the button that flips each. */
export function ClassesList({ mock, classes }: { mock: MockApi; classes: EnvironmentClass[] }) {
  return (
    <ul class="records">
      {classes.map((c) => (
        <li key={c.id} data-class-id={c.id}>
          <strong>{c.displayName}</strong> <code>{c.id}</code> {c.description}{" "}
          <span class={c.enabled ? "phase phase-ready" : "phase phase-degraded"}>
            {c.enabled ? "enabled" : "disabled"}
          </span>{" "}
          <button
            type="button"
            onClick={() =>
              void mock.act(`${c.enabled ? "Disabled" : "Enabled"} class ${c.displayName}`, () =>
                callAdmin("patchEnvironmentClass", {
                  params: { id: c.id },
                  body: { enabled: !c.enabled },
                }),
              )
            }
          >
            {c.enabled ? "Disable" : "Enable"} class {c.displayName}
          </button>
        </li>
      ))}
    </ul>
  );
}
