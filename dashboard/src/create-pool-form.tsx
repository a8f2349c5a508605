import { useState } from "preact/hooks";
import type { WorldDump } from "../../src/generated/admin-types.js";
import { rpc } from "./admin-api.js";
import { SelectField } from "./select-field.js";
import type { MockApi } from "./use-mock-state.js";

/** Creates a pool through the public CreateWarmPool RPC, as the chosen principal. */
export function CreatePoolForm({
  mock,
  world,
  organizationId,
  organizationName,
  token,
}: {
  mock: MockApi;
  world: WorldDump;
  organizationId: string;
  organizationName: string;
  token: string;
}) {
  const projects = world.projects.filter((p) => p.organizationId === organizationId);
  const runners = new Set(
    world.runners.filter((r) => r.organizationId === organizationId).map((r) => r.id),
  );
  const classes = world.environmentClasses.filter((c) => runners.has(c.runnerId));
  const [projectId, setProjectId] = useState("");
  const [classId, setClassId] = useState("");
  const [min, setMin] = useState("1");
  const [max, setMax] = useState("3");
  const project = projectId || projects[0]?.id || "";
  const environmentClass = classId || classes[0]?.id || "";
  if (projects.length === 0 || classes.length === 0) return null;
  return (
    <form
      class="inline create-pool"
      aria-label={`Create a warm pool in ${organizationName}`}
      onSubmit={(e) => {
        e.preventDefault();
        void mock.act(
          (created: { warmPool: { id: string } }) => `Created warm pool ${created.warmPool.id}`,
          () =>
            rpc.createWarmPool(token, {
              projectId: project,
              environmentClassId: environmentClass,
              minSize: Number(min),
              maxSize: Number(max),
            }),
        );
      }}
    >
      <SelectField
        label="Project"
        value={project}
        options={projects.map((p) => ({ value: p.id, label: p.name }))}
        onChange={setProjectId}
      />{" "}
      <SelectField
        label="Class"
        value={environmentClass}
        options={classes.map((c) => ({ value: c.id, label: c.displayName }))}
        onChange={setClassId}
      />{" "}
      <label>
        Min{" "}
        <input
          type="number"
          min="0"
          class="size"
          required
          value={min}
          onInput={(e) => setMin(e.currentTarget.value)}
        />
      </label>{" "}
      <label>
        Max{" "}
        <input
          type="number"
          min="0"
          class="size"
          required
          value={max}
          onInput={(e) => setMax(e.currentTarget.value)}
        />
      </label>{" "}
      <button type="submit">Create warm pool</button>
    </form>
  );
}
