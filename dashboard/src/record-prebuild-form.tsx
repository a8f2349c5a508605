import { useMemo, useState } from "preact/hooks";
import { callAdmin } from "./admin-api.js";
import { useDashboard } from "./dashboard-context.js";
import { byName } from "./format.js";
import { SelectField } from "./select-field.js";

/** Records a prebuild (RUNNING) for a project and one of its organization's classes. */
export function RecordPrebuildForm() {
  const d = useDashboard();
  const { model } = d.mock;
  const [projectId, setProjectId] = useState("");
  const [classId, setClassId] = useState("");
  const projects = useMemo(
    () =>
      [...model.projects.values()]
        .sort((a, b) => byName(a.name, b.name))
        .map((p) => ({ value: p.id, label: p.name })),
    [model, model.versions.projects],
  );
  const project = model.projects.get(projectId) ?? model.projects.get(projects[0]?.value ?? "");
  const classes = useMemo(() => {
    const runners = new Set(
      [...model.runners.values()]
        .filter((r) => r.organizationId === project?.organizationId)
        .map((r) => r.id),
    );
    return [...model.environmentClasses.values()]
      .filter((c) => runners.has(c.runnerId))
      .map((c) => ({ value: c.id, label: c.displayName }));
  }, [model, project, model.versions.environmentClasses]);
  const environmentClass = classes.some((c) => c.value === classId)
    ? classId
    : (classes[0]?.value ?? "");
  if (!project || !environmentClass) return null;
  return (
    <form
      class="inline"
      aria-label="Record a prebuild"
      onSubmit={(e) => {
        e.preventDefault();
        void d.mock.act(
          e.currentTarget.querySelector("button[type=submit]"),
          (prebuild: { id: string }) => `Recorded prebuild ${prebuild.id}`,
          () =>
            callAdmin("createPrebuild", {
              body: { projectId: project.id, environmentClassId: environmentClass },
            }),
        );
      }}
    >
      <SelectField
        label="Prebuild project"
        value={project.id}
        options={projects}
        onChange={setProjectId}
      />
      <SelectField
        label="Prebuild class"
        value={environmentClass}
        options={classes}
        onChange={setClassId}
      />
      <button type="submit">Record a prebuild</button>
    </form>
  );
}
