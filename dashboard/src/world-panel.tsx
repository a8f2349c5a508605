import { useEffect, useState } from "preact/hooks";
import type { ScenarioListItem } from "../../src/generated/admin-types.js";
import { ApiError, callAdmin } from "./admin-api.js";
import { SelectField } from "./select-field.js";
import type { MockApi } from "./use-mock-state.js";

/** The named scenarios, or undefined when this mock has none (GET /_admin/scenarios is 404). */
async function listScenarios(): Promise<ScenarioListItem[] | undefined> {
  try {
    return (await callAdmin("listScenarios")).scenarios;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Whole-world actions: reset, download, load a file, pick a scenario. */
export function WorldPanel({ mock }: { mock: MockApi }) {
  const [scenarios, setScenarios] = useState<ScenarioListItem[] | undefined>();
  const [scenario, setScenario] = useState("");
  const live = mock.connection.kind === "live";
  useEffect(() => {
    if (!live) return;
    listScenarios().then(
      (list) => {
        setScenarios(list);
        setScenario((s) => s || list?.[0]?.name || "");
      },
      () => setScenarios(undefined),
    );
  }, [live]);

  return (
    <section class="panel" aria-labelledby="world-heading">
      <h2 id="world-heading">World</h2>
      <div class="row">
        <button
          type="button"
          onClick={() =>
            void mock.act("Reset the world, fault rules and journal", () => callAdmin("reset"))
          }
        >
          Reset the world
        </button>
        <button
          type="button"
          onClick={() =>
            void mock.act("Downloaded the world as world.json", async () => {
              const world = await callAdmin("getWorld");
              download("world.json", `${JSON.stringify(world, null, 2)}\n`);
            })
          }
        >
          Download the world
        </button>
        <label class="file">
          Load a world file{" "}
          <input
            type="file"
            accept="application/json,.json"
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              if (!file) return;
              void mock
                .act(`Loaded the world from ${file.name}`, async () => {
                  const text = await file.text();
                  let world: unknown;
                  try {
                    world = JSON.parse(text);
                  } catch {
                    throw new Error(`${file.name} is not JSON`);
                  }
                  await callAdmin("putWorld", { body: world as { version: 1 } });
                })
                .finally(() => {
                  input.value = "";
                });
            }}
          />
        </label>
        {scenarios && scenarios.length > 0 && (
          <form
            class="inline"
            onSubmit={(e) => {
              e.preventDefault();
              void mock.act(`Loaded the scenario ${scenario}`, () =>
                callAdmin("loadScenario", { body: { name: scenario } }),
              );
            }}
          >
            <SelectField
              label="Scenario"
              value={scenario}
              options={scenarios.map((s) => ({
                value: s.name,
                label: s.name,
                title: s.description,
              }))}
              onChange={setScenario}
            />{" "}
            <button type="submit">Load the scenario</button>
          </form>
        )}
      </div>
    </section>
  );
}
