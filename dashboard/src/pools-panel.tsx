import { useMemo, useState } from "preact/hooks";
import { CreatePoolForm } from "./create-pool-form.js";
import { useDashboard } from "./dashboard-context.js";
import { byName, detailsHref, formatCount, formatTime, phaseClass, shortPhase } from "./format.js";
import { canClaim, claimOne, deletePool, isDeleting } from "./pool-actions.js";
import { filterPools, NO_FILTERS } from "./pool-filters.js";
import { RowMenu } from "./row-menu.js";
import { SelectField } from "./select-field.js";
import { ShortId } from "./short-id.js";
import { type Column, nextSort, type Sort, VirtualTable } from "./virtual-table.js";
import type { Pool } from "./world-model.js";

const PHASE_ORDER = ["READY", "PENDING", "DEGRADED", "DELETING", "UNSPECIFIED"];
const ANY = { value: "", label: "any" };

/**
 * Every warm pool, in a table that draws only what is on screen: counts per phase (each a
 * filter), filters by organization, project, class and a part of an ID or project name,
 * sortable columns, links to each pool's project and class, and each row's actions in a menu.
 */
export function PoolsPanel() {
  const d = useDashboard();
  const { model, loading, overview } = d.mock;
  const { filters, setFilters } = d;
  const [sort, setSort] = useState<Sort>({ key: "created", descending: false });
  const [menu, setMenu] = useState<{ pool: Pool; button: HTMLElement } | undefined>();
  const v = model.versions;
  const result = useMemo(
    () => filterPools(model, filters, sort),
    [model, filters, sort, v.warmPools, v.projects, v.environmentClasses, v.organizations],
  );
  const organizations = [...model.organizations.values()];
  const choices = useMemo(
    () => ({
      projects: [
        ANY,
        ...[...model.projects.values()]
          .filter((p) => !filters.organization || p.organizationId === filters.organization)
          .sort((a, b) => byName(a.name, b.name))
          .map((p) => ({ value: p.id, label: p.name })),
      ],
      classes: [
        ANY,
        ...[...model.environmentClasses.values()]
          .sort((a, b) => byName(a.displayName, b.displayName))
          .map((c) => ({ value: c.id, label: c.displayName })),
      ],
      organizations: [
        ANY,
        ...[...model.organizations.values()].map((o) => ({ value: o.id, label: o.name })),
      ],
    }),
    [model, v.projects, v.environmentClasses, v.organizations, filters.organization],
  );
  const callers = useMemo(
    () =>
      new Map(
        [...model.organizations.keys()].map((org) => [
          org,
          model.principalsOf(org).map((p) => ({ value: p.token, label: `${p.name} (${p.token})` })),
        ]),
      ),
    [model, v.organizations, v.principals],
  );
  const set = (patch: Partial<typeof filters>) => setFilters({ ...filters, ...patch });
  const phases = [...result.phases].sort(
    ([a], [b]) => PHASE_ORDER.indexOf(shortPhase(a)) - PHASE_ORDER.indexOf(shortPhase(b)),
  );
  const filtered = Object.values(filters).some((f) => f !== "");
  const columns = useMemo(() => poolColumns(d, setMenu), [d]);
  return (
    <section class="panel" aria-labelledby="pools-heading">
      <div class="row spread">
        <h2 id="pools-heading">
          Warm pools{" "}
          <span class="note" data-testid="pool-count">
            {filtered
              ? `${formatCount(result.rows.length)} of ${formatCount(model.warmPools.size)}`
              : formatCount(model.warmPools.size)}
            {loading && overview
              ? `, loading (${formatCount(overview.counts.warmPools)} in all)`
              : ""}
          </span>
        </h2>
        <div class="row">
          {organizations.map((org) => (
            <SelectField
              key={org.id}
              label={organizations.length > 1 ? `Act as in ${org.name}` : "Act as"}
              value={d.tokenFor(org.id)}
              options={callers.get(org.id) ?? []}
              onChange={(token) => d.actAs(org.id, token)}
            />
          ))}
        </div>
      </div>
      <CreatePoolForm />
      <search class="row filters" aria-label="Find warm pools">
        <input
          type="search"
          aria-label="Find pools by part of an ID or project name"
          placeholder="Part of an ID or project"
          value={filters.text}
          onInput={(e) => set({ text: e.currentTarget.value })}
        />
        {organizations.length > 1 && (
          <SelectField
            label="Organization"
            value={filters.organization}
            options={choices.organizations}
            onChange={(organization) => set({ organization, project: "" })}
          />
        )}
        <SelectField
          label="Project"
          value={filters.project}
          options={choices.projects}
          onChange={(project) => set({ project })}
        />
        <SelectField
          label="Class"
          value={filters.environmentClass}
          options={choices.classes}
          onChange={(environmentClass) => set({ environmentClass })}
        />
        {filtered && (
          <button type="button" onClick={() => setFilters(NO_FILTERS)}>
            Clear the filters
          </button>
        )}
      </search>
      <fieldset class="row phases">
        <legend class="sr-only">Pools per phase</legend>
        <button
          type="button"
          aria-pressed={filters.phase === ""}
          onClick={() => set({ phase: "" })}
        >
          Every phase {formatCount(result.matching)}
        </button>
        {phases.map(([phase, count]) => (
          <button
            type="button"
            key={phase}
            class={`count ${phaseClass(phase)}`}
            aria-pressed={filters.phase === phase}
            data-testid="phase-count"
            onClick={() => set({ phase: filters.phase === phase ? "" : phase })}
          >
            {shortPhase(phase)} {formatCount(count)}
          </button>
        ))}
      </fieldset>
      <VirtualTable
        label="Warm pools"
        rows={result.rows}
        columns={columns}
        rowKey={(pool) => pool.id}
        rowAttributes={(pool) => ({ "data-pool-id": pool.id })}
        sort={sort}
        onSort={(key) => setSort(nextSort(sort, key))}
        empty={model.warmPools.size === 0 ? "No warm pools." : "No pool matches the filters."}
      />
      {menu && (
        <RowMenu
          label={`Actions for pool ${menu.pool.id}`}
          button={menu.button}
          onClose={() => setMenu(undefined)}
          items={[
            {
              label: "Claim 1 instance",
              disabled: !canClaim(menu.pool),
              run: () => void claimOne(d, menu.pool, menu.button),
            },
            {
              label: "Resize…",
              disabled: isDeleting(menu.pool),
              run: () => {
                location.hash = `${detailsHref("pool", menu.pool.id)}/resize`;
              },
            },
            {
              label: "Delete…",
              disabled: isDeleting(menu.pool),
              run: () => void deletePool(d, menu.pool, menu.button),
            },
            {
              label: "Details",
              run: () => {
                location.hash = detailsHref("pool", menu.pool.id);
              },
            },
          ]}
        />
      )}
    </section>
  );
}

function poolColumns(
  d: ReturnType<typeof useDashboard>,
  openMenu: (menu: { pool: Pool; button: HTMLElement }) => void,
): Column<Pool>[] {
  const { model } = d.mock;
  return [
    {
      key: "id",
      label: "Pool",
      width: "7.5rem",
      sortable: true,
      cell: (pool) => <ShortId id={pool.id} what="Warm pool" href={detailsHref("pool", pool.id)} />,
    },
    {
      key: "project",
      label: "Project",
      // What is left goes to the phase, whose failure reason is the longest text of a row.
      width: "11rem",
      sortable: true,
      cell: (pool) => (
        <a href={detailsHref("project", pool.projectId)} data-testid="pool-project">
          {model.projects.get(pool.projectId)?.name ?? pool.projectId}
        </a>
      ),
    },
    {
      key: "class",
      label: "Class",
      width: "8rem",
      sortable: true,
      cell: (pool) => (
        <a href={detailsHref("class", pool.environmentClassId)}>
          {model.environmentClasses.get(pool.environmentClassId)?.displayName ??
            pool.environmentClassId}
        </a>
      ),
    },
    {
      key: "phase",
      label: "Phase",
      sortable: true,
      cell: (pool) => (
        <>
          <span class={phaseClass(pool.status.phase)} data-testid="pool-phase">
            {shortPhase(pool.status.phase)}
          </span>
          {pool.status.failureMessage && (
            <span class="reason" title={pool.status.failureMessage} data-testid="pool-failure">
              {" "}
              {pool.status.failureMessage}
            </span>
          )}
        </>
      ),
    },
    {
      key: "instances",
      label: "Instances",
      width: "6.5rem",
      sortable: true,
      cell: (pool) => (
        <span
          data-testid="pool-instances"
          title={`${pool.status.runningInstances} running, ${pool.status.stoppedInstances} stopped, ${pool.status.desiredSize} desired`}
        >
          {pool.status.runningInstances} / {pool.status.stoppedInstances} /{" "}
          {pool.status.desiredSize}
        </span>
      ),
    },
    {
      key: "sizes",
      label: "Min–max",
      width: "6rem",
      sortable: true,
      cell: (pool) => (
        <span data-testid="pool-sizes">
          {pool.spec.minSize}–{pool.spec.maxSize}
        </span>
      ),
    },
    {
      key: "updated",
      label: "Updated",
      width: "6rem",
      sortable: true,
      cell: (pool) => (
        <time title={formatTime(pool.updatedAt)}>{formatTime(pool.updatedAt).slice(11, 19)}</time>
      ),
    },
    {
      key: "actions",
      label: "",
      width: "2.75rem",
      cell: (pool) => (
        <button
          type="button"
          class="more"
          aria-label={`Actions for pool ${pool.id}`}
          aria-haspopup="menu"
          onClick={(e) => openMenu({ pool, button: e.currentTarget })}
        >
          ⋯
        </button>
      ),
    },
  ];
}
