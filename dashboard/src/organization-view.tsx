import { useState } from "preact/hooks";
import type { Organization, WorldDump } from "../../src/generated/admin-types.js";
import { ClassesList } from "./classes-list.js";
import { CreatePoolForm } from "./create-pool-form.js";
import { PoolsTable } from "./pools-table.js";
import { PrebuildsTable } from "./prebuilds-table.js";
import { ProjectsList } from "./projects-list.js";
import { RunnersList } from "./runners-list.js";
import { SelectField } from "./select-field.js";
import type { MockApi } from "./use-mock-state.js";

/** Everything one organization holds, and the principal its RPCs are sent as. */
export function OrganizationView({
  mock,
  world,
  organization,
}: {
  mock: MockApi;
  world: WorldDump;
  organization: Organization;
}) {
  const orgId = organization.id;
  const principals = world.principals.filter((p) => p.organizationId === orgId);
  const [chosen, setChosen] = useState("");
  const token = chosen || principals[0]?.token || world.defaultToken;
  const runners = world.runners.filter((r) => r.organizationId === orgId);
  const runnerIds = new Set(runners.map((r) => r.id));
  const classes = world.environmentClasses.filter((c) => runnerIds.has(c.runnerId));
  const projects = world.projects.filter((p) => p.organizationId === orgId);
  const projectIds = new Set(projects.map((p) => p.id));
  const prebuilds = world.prebuilds.filter((p) => projectIds.has(p.projectId));
  const pools = world.warmPools.filter((p) => p.organizationId === orgId);
  const headingId = `org-${orgId}`;
  return (
    <section class="panel organization" aria-labelledby={headingId} data-organization-id={orgId}>
      <h2 id={headingId}>
        {organization.name} <code>{orgId}</code>
      </h2>
      <h3>Warm pools ({pools.length})</h3>
      <div class="row">
        <SelectField
          label="Act as"
          value={token}
          options={(principals.length > 0
            ? principals
            : world.principals.filter((p) => p.token === world.defaultToken)
          ).map((p) => ({ value: p.token, label: `${p.name} (${p.token})` }))}
          onChange={setChosen}
        />{" "}
        <CreatePoolForm
          mock={mock}
          world={world}
          organizationId={orgId}
          organizationName={organization.name}
          token={token}
        />
      </div>
      <PoolsTable mock={mock} world={world} pools={pools} token={token} />
      <div class="columns">
        <div>
          <h3>Runners</h3>
          <RunnersList mock={mock} runners={runners} />
          <h3>Environment classes</h3>
          <ClassesList mock={mock} classes={classes} />
        </div>
        <div>
          <h3>Projects</h3>
          <ProjectsList mock={mock} projects={projects} classes={classes} />
        </div>
      </div>
      <h3>Prebuilds</h3>
      <PrebuildsTable
        mock={mock}
        prebuilds={prebuilds}
        projects={projects}
        classes={classes}
        organizationName={organization.name}
      />
    </section>
  );
}
