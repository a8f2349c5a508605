import { useState } from "preact/hooks";
import type { EnvironmentClass, Project } from "../../src/generated/admin-types.js";
import { callAdmin } from "./admin-api.js";
import { nameOf } from "./format.js";
import type { MockApi } from "./use-mock-state.js";

/** Projects with their prebuild configuration, each editable in a short form. */
export function ProjectsList({
  mock,
  projects,
  classes,
}: {
  mock: MockApi;
  projects: Project[];
  classes: EnvironmentClass[];
}) {
  return (
    <ul class="records">
      {projects.map((p) => (
        <ProjectItem key={p.id} mock={mock} project={p} classes={classes} />
      ))}
    </ul>
  );
}

function ProjectItem({
  mock,
  project,
  classes,
}: {
  mock: MockApi;
  project: Project;
  classes: EnvironmentClass[];
}) {
  const config = project.prebuildConfiguration;
  const [enabled, setEnabled] = useState(config.enabled);
  const [classIds, setClassIds] = useState(config.environmentClassIds);
  const [timeout, setTimeoutSeconds] = useState(String(config.timeoutSeconds));
  const [open, setOpen] = useState(false);
  const reset = () => {
    setEnabled(config.enabled);
    setClassIds(config.environmentClassIds);
    setTimeoutSeconds(String(config.timeoutSeconds));
  };
  return (
    <li data-project-id={project.id}>
      <strong>{project.name}</strong> <code>{project.id}</code>{" "}
      <span data-testid="prebuild-configuration">
        prebuilds {config.enabled ? "enabled" : "disabled"}; classes:{" "}
        {config.environmentClassIds.length === 0
          ? "none"
          : config.environmentClassIds
              .map((id) => nameOf(classes, id, (c) => c.displayName))
              .join(", ")}
        ; timeout {config.timeoutSeconds} s
      </span>
      <details
        open={open}
        onToggle={(e) => {
          setOpen(e.currentTarget.open);
          if (e.currentTarget.open) reset();
        }}
      >
        <summary>Edit the prebuild configuration of {project.name}</summary>
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void mock
              .act(`Saved the prebuild configuration of ${project.name}`, () =>
                callAdmin("patchPrebuildConfiguration", {
                  params: { id: project.id },
                  body: { enabled, environmentClassIds: classIds, timeoutSeconds: Number(timeout) },
                }),
              )
              .then((ok) => ok && setOpen(false));
          }}
        >
          <label>
            <input
              type="checkbox"
              checked={enabled}
              onChange={(e) => setEnabled(e.currentTarget.checked)}
            />{" "}
            Prebuilds enabled for {project.name}
          </label>
          <fieldset>
            <legend>Environment classes of {project.name}</legend>
            {classes.map((c) => (
              <label key={c.id}>
                <input
                  type="checkbox"
                  checked={classIds.includes(c.id)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setClassIds((ids) => (on ? [...ids, c.id] : ids.filter((id) => id !== c.id)));
                  }}
                />{" "}
                {c.displayName}
              </label>
            ))}
          </fieldset>
          <label>
            Timeout in seconds for {project.name}{" "}
            <input
              type="number"
              min="300"
              max="7200"
              required
              value={timeout}
              onInput={(e) => setTimeoutSeconds(e.currentTarget.value)}
            />
          </label>
          <button type="submit">Save the prebuild configuration of {project.name}</button>
        </form>
      </details>
    </li>
  );
}
