import { useMemo, useState } from "preact/hooks";
import { rpc } from "./admin-api.js";
import { useDashboard } from "./dashboard-context.js";
import { byName } from "./format.js";
import { SelectField } from "./select-field.js";
import { SizeField } from "./size-field.js";

/**
 * Creates a pool through the public CreateWarmPool RPC, as the chosen principal of the
 * project's organization; offers the projects with prebuilds on and their configured classes.
 */
export function CreatePoolForm() {
  const d = useDashboard();
  const { model } = d.mock;
  const [projectId, setProjectId] = useState("");
  const [classId, setClassId] = useState("");
  const [min, setMin] = useState("1");
  const [max, setMax] = useState("3");
  const [open, setOpen] = useState(false);
  const projects = useMemo(
    () =>
      [...model.projects.values()]
        .filter((p) => p.prebuildConfiguration.enabled)
        .sort((a, b) => byName(a.name, b.name)),
    [model, model.versions.projects],
  );
  const project = model.projects.get(projectId) ?? projects[0];
  const classIds = project?.prebuildConfiguration.environmentClassIds ?? [];
  const environmentClass = classIds.includes(classId) ? classId : (classIds[0] ?? "");
  const projectOptions = useMemo(
    () => projects.map((p) => ({ value: p.id, label: p.name })),
    [projects],
  );
  const classOptions = useMemo(
    () =>
      classIds.map((id) => ({
        value: id,
        label: model.environmentClasses.get(id)?.displayName ?? id,
      })),
    [model, classIds, model.versions.environmentClasses],
  );
  if (!project) return null;
  return (
    <details class="create" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Create a warm pool</summary>
      {open && (
        <form
          class="inline"
          aria-label="Create a warm pool"
          onSubmit={(e) => {
            e.preventDefault();
            const anchor = e.currentTarget.querySelector("button[type=submit]");
            void d.mock.act(
              anchor,
              (created: { warmPool: { id: string } }) => `Created warm pool ${created.warmPool.id}`,
              () =>
                rpc.createWarmPool(d.tokenFor(project.organizationId), {
                  projectId: project.id,
                  environmentClassId: environmentClass,
                  minSize: Number(min),
                  maxSize: Number(max),
                }),
            );
          }}
        >
          <SelectField
            label="Project"
            value={project.id}
            options={projectOptions}
            onChange={setProjectId}
          />
          <SelectField
            label="Class"
            value={environmentClass}
            options={classOptions}
            onChange={setClassId}
          />
          <SizeField label="Min" value={min} onChange={setMin} />
          <SizeField label="Max" value={max} onChange={setMax} />
          <button type="submit">Create warm pool</button>
        </form>
      )}
    </details>
  );
}
