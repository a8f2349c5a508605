import { useState } from "preact/hooks";
import type { EnvironmentClass, Prebuild, Project } from "../../src/generated/admin-types.js";
import { callAdmin } from "./admin-api.js";
import { formatTime, nameOf, phaseClass, shortPhase } from "./format.js";
import { SelectField } from "./select-field.js";
import type { MockApi } from "./use-mock-state.js";

const FINISHED = new Set(["PREBUILD_PHASE_COMPLETED", "PREBUILD_PHASE_FAILED"]);

/** Prebuilds and their phases; record one, complete or fail it. */
export function PrebuildsTable({
  mock,
  prebuilds,
  projects,
  classes,
  organizationName,
}: {
  mock: MockApi;
  prebuilds: Prebuild[];
  projects: Project[];
  classes: EnvironmentClass[];
  organizationName: string;
}) {
  const [projectId, setProjectId] = useState("");
  const [classId, setClassId] = useState("");
  const project = projectId || projects[0]?.id || "";
  const environmentClass = classId || classes[0]?.id || "";
  return (
    <>
      {projects.length > 0 && classes.length > 0 && (
        <form
          class="inline"
          aria-label={`Record a prebuild in ${organizationName}`}
          onSubmit={(e) => {
            e.preventDefault();
            void mock.act(
              (prebuild: { id: string }) => `Recorded prebuild ${prebuild.id}`,
              () =>
                callAdmin("createPrebuild", {
                  body: { projectId: project, environmentClassId: environmentClass },
                }),
            );
          }}
        >
          <SelectField
            label="Prebuild project"
            value={project}
            options={projects.map((p) => ({ value: p.id, label: p.name }))}
            onChange={setProjectId}
          />{" "}
          <SelectField
            label="Prebuild class"
            value={environmentClass}
            options={classes.map((c) => ({ value: c.id, label: c.displayName }))}
            onChange={setClassId}
          />{" "}
          <button type="submit">Record a prebuild</button>
        </form>
      )}
      {prebuilds.length === 0 ? (
        <p>No prebuilds.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Prebuild ID</th>
                <th scope="col">Project</th>
                <th scope="col">Class</th>
                <th scope="col">Phase</th>
                <th scope="col">Created</th>
                <th scope="col">Failure message</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {prebuilds.map((p) => (
                <tr key={p.id} data-prebuild-id={p.id}>
                  <td>
                    <code>{p.id}</code>
                  </td>
                  <td>{nameOf(projects, p.projectId, (x) => x.name)}</td>
                  <td>{nameOf(classes, p.environmentClassId, (x) => x.displayName)}</td>
                  <td>
                    <span class={phaseClass(p.phase)} data-testid="prebuild-phase">
                      {shortPhase(p.phase)}
                    </span>
                  </td>
                  <td>{formatTime(p.createdAt)}</td>
                  <td>{p.failureMessage}</td>
                  <td class="actions">
                    {!FINISHED.has(p.phase) && (
                      <>
                        <button
                          type="button"
                          aria-label={`Complete prebuild ${p.id}`}
                          onClick={() =>
                            void mock.act(`Completed prebuild ${p.id}`, () =>
                              callAdmin("completePrebuild", { params: { id: p.id } }),
                            )
                          }
                        >
                          Complete
                        </button>{" "}
                        <button
                          type="button"
                          aria-label={`Fail prebuild ${p.id}`}
                          onClick={() =>
                            void mock.act(`Failed prebuild ${p.id}`, () =>
                              callAdmin("failPrebuild", {
                                params: { id: p.id },
                                body: { message: "failed from the dashboard" },
                              }),
                            )
                          }
                        >
                          Fail
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
