import { useEffect, useMemo, useState } from "preact/hooks";
import type { ScenarioListItem } from "../../src/generated/admin-types.js";
import { ApiError, callAdmin } from "./admin-api.js";
import { type Dashboard, useDashboard } from "./dashboard-context.js";
import { formatCount, formatTime } from "./format.js";
import { SelectField } from "./select-field.js";

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

/** What the world, the fault rules and the journal hold now, as a confirmation names them. */
function describeHeld(d: Dashboard): { world: string; faults: string; journal: string } {
  const { model, faults, journal } = d.mock;
  return {
    world: `the world (${formatCount(model.warmPools.size)} warm pools, ${formatCount(model.projects.size)} projects, ${formatCount(model.prebuilds.size)} prebuilds, ${model.runners.size} runners)`,
    faults: faults.length === 0 ? "no fault rules" : `${faults.length} fault rule(s)`,
    journal: `the journal (${journal.length === 0 ? "empty" : `${journal.length}+ calls`})`,
  };
}

/** Whole-world actions: reset, download, load a file, load a scenario; each confirmed first. */
export function WorldPanel() {
  const d = useDashboard();
  const { mock } = d;
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
  // The picker starts at the scenario in force (after a reload too), not at the list's first.
  const inForce = mock.scenario?.name;
  useEffect(() => {
    if (inForce && scenarios?.some((s) => s.name === inForce)) setScenario(inForce);
  }, [inForce, scenarios]);
  const choices = useMemo(
    () => (scenarios ?? []).map((s) => ({ value: s.name, label: s.name, title: s.description })),
    [scenarios],
  );

  const reset = async (anchor: Element) => {
    const held = describeHeld(d);
    const yes = await d.confirm({
      title: "Reset everything to the start-up state?",
      lines: [
        `Replaces ${held.world} with the world the mock started with${mock.overview?.scenario.name && mock.overview.scenario.world === "start-up" ? ` (scenario ${mock.overview.scenario.name})` : ""}.`,
        `Replaces ${held.faults} with the start-up ones, and empties ${held.journal}.`,
        "The clock returns to the start-up scenario's setting if the mock started with one; otherwise it keeps its mode and time.",
      ],
      confirm: "Reset",
    });
    if (!yes) return;
    const before = mock.clock?.mode;
    void mock.act(
      anchor,
      ({ mode }: { mode: string }) =>
        `Reset the world, fault rules and journal; the clock is ${mode}${before && before !== mode ? ` (it was ${before})` : ""}`,
      async () => {
        await callAdmin("reset");
        return callAdmin("getClock");
      },
    );
  };

  const load = async (anchor: Element) => {
    const chosen = scenarios?.find((s) => s.name === scenario);
    if (!chosen) return;
    const held = describeHeld(d);
    const now = mock.clock?.mode;
    const sets = chosen.clock;
    const yes = await d.confirm({
      title: `Load the scenario ${chosen.name}?`,
      lines: [
        chosen.description,
        `Replaces ${held.world} with the scenario's.`,
        `Replaces ${held.faults} with the scenario's ${chosen.faults?.length ?? 0}, and empties ${held.journal}.`,
        sets
          ? `Clock: the scenario sets it ${sets.mode}${sets.now ? ` at ${formatTime(Date.parse(sets.now))}` : " at the real time now"}${now && now !== sets.mode ? `: the clock changes from ${now} to ${sets.mode}` : `, as it is now (${now})`}.`
          : `Clock: the scenario does not set it; it stays ${now}.`,
      ],
      confirm: "Load the scenario",
    });
    if (!yes) return;
    void mock.act(
      anchor,
      (loaded: { name: string; clock: { mode: string } }) =>
        `Loaded the scenario ${loaded.name}; the clock is ${loaded.clock.mode}${now && now !== loaded.clock.mode ? ` (it was ${now})` : ""}`,
      () => callAdmin("loadScenario", { body: { name: chosen.name } }),
    );
  };

  const loadFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    const yes = await d.confirm({
      title: `Load the world from ${file.name}?`,
      lines: [
        `Replaces ${describeHeld(d).world} with the one in ${file.name}.`,
        "Fault rules, the journal and the clock stay as they are.",
      ],
      confirm: "Load the world",
    });
    if (yes) {
      await mock.act(input, `Loaded the world from ${file.name}`, async () => {
        const text = await file.text();
        let world: unknown;
        try {
          world = JSON.parse(text);
        } catch {
          throw new Error(`${file.name} is not JSON`);
        }
        await callAdmin("putWorld", { body: world as { version: 1 } });
      });
    }
    input.value = "";
  };

  return (
    <section class="panel" aria-labelledby="world-heading">
      <h2 id="world-heading">World</h2>
      <div class="row">
        <button type="button" onClick={(e) => void reset(e.currentTarget)}>
          Reset the world…
        </button>
        <button
          type="button"
          onClick={(e) =>
            void mock.act(e.currentTarget, "Downloaded the world as world.json", async () => {
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
            onChange={(e) => void loadFile(e.currentTarget)}
          />
        </label>
        {scenarios && scenarios.length > 0 && (
          <form
            class="inline"
            onSubmit={(e) => {
              e.preventDefault();
              void load(e.currentTarget.querySelector("button[type=submit]") as Element);
            }}
          >
            <SelectField
              label="Scenario"
              value={scenario}
              options={choices}
              onChange={setScenario}
            />
            <button type="submit">Load the scenario…</button>
          </form>
        )}
      </div>
    </section>
  );
}
