import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Project } from "../../src/generated/admin-types.js";
import { callAdmin } from "./admin-api.js";
import { type Dashboard, useDashboard } from "./dashboard-context.js";
import { type DetailsKind, detailsHref, formatTime, phaseClass, shortPhase } from "./format.js";
import { canClaim, claimOne, deletePool, isDeleting, resize } from "./pool-actions.js";
import { NO_FILTERS, type PoolFilters } from "./pool-filters.js";
import { describeConfiguration, PrebuildActions, toggleClass } from "./records-panel.js";
import { CopyButton, shortId } from "./short-id.js";
import { SizeField } from "./size-field.js";
import type { Pool } from "./world-model.js";

/** Closes the details: the address names no record any more. */
function close(): void {
  history.pushState(null, "", location.pathname + location.search);
  dispatchEvent(new HashChangeEvent("hashchange"));
}

/** What the address names: a record's kind and ID, and a part to go to (`resize`, `edit`…). */
interface Route {
  kind: DetailsKind;
  id: string;
  focus?: string;
}

function readRoute(): Route | undefined {
  const match = /^#\/(pool|project|runner|class|prebuild)\/([^/]+)(?:\/(\w+))?$/.exec(
    location.hash,
  );
  if (!match) return undefined;
  return {
    kind: match[1] as DetailsKind,
    id: decodeURIComponent(match[2] ?? ""),
    ...(match[3] ? { focus: match[3] } : {}),
  };
}

// At most this many related records are listed; the table shows them all.
const LISTED = 20;

/**
 * The details of one record, beside the tables: everything it holds, links to what it refers
 * to and to what refers to it, and its actions. Opened by a record's link (the address says
 * which: a reload or the back button keeps it), closed by its button or Escape.
 */
export function DetailsPanel() {
  const d = useDashboard();
  const [route, setRoute] = useState(readRoute);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    const changed = () => setRoute(readRoute());
    // Escape closes the details from anywhere, unless a menu or a dialog takes it first.
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || e.defaultPrevented || document.querySelector("dialog[open]"))
        return;
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      if (readRoute()) close();
    };
    addEventListener("hashchange", changed);
    addEventListener("keydown", onEscape);
    return () => {
      removeEventListener("hashchange", changed);
      removeEventListener("keydown", onEscape);
    };
  }, []);
  useEffect(() => {
    if (!route) return;
    const target =
      panel.current?.querySelector<HTMLElement>(`[data-focus="${route.focus}"]`) ??
      panel.current?.querySelector<HTMLElement>("h2");
    target?.focus();
  }, [route?.kind, route?.id, route?.focus]);
  if (!route) return null;
  return (
    <aside ref={panel} class="details" aria-labelledby="details-heading">
      <button type="button" class="close" aria-label="Close the details" onClick={close}>
        ✕
      </button>
      <Details d={d} route={route} />
    </aside>
  );
}

function Details({ d, route }: { d: Dashboard; route: Route }) {
  const { model } = d.mock;
  switch (route.kind) {
    case "pool": {
      const pool = model.warmPools.get(route.id);
      return pool ? <PoolDetails d={d} pool={pool} /> : <Gone what="warm pool" id={route.id} />;
    }
    case "project": {
      const project = model.projects.get(route.id);
      if (!project) return <Gone what="project" id={route.id} />;
      const pools = [...model.warmPools.values()].filter((p) => p.projectId === project.id);
      const prebuilds = [...model.prebuilds.values()]
        .filter((p) => p.projectId === project.id)
        .sort((a, b) => b.createdAt - a.createdAt);
      return (
        <>
          <Heading title={`Project ${project.name}`} id={project.id} />
          <dl>
            <Item name="Organization">{model.organizations.get(project.organizationId)?.name}</Item>
            <Item name="Prebuilds">{describeConfiguration(model, project)}</Item>
          </dl>
          <ConfigurationForm key={project.id} d={d} project={project} />
          <RelatedPools d={d} pools={pools} filter={{ project: project.id }} what={project.name} />
          <h3>Prebuilds ({prebuilds.length})</h3>
          <ul class="links">
            {prebuilds.slice(0, LISTED).map((p) => (
              <li key={p.id}>
                <a href={detailsHref("prebuild", p.id)} aria-label={`Prebuild ${p.id}`}>
                  <code>{shortId(p.id)}</code>
                </a>{" "}
                {model.environmentClasses.get(p.environmentClassId)?.displayName}{" "}
                <span class={phaseClass(p.phase)}>{shortPhase(p.phase)}</span>
              </li>
            ))}
          </ul>
        </>
      );
    }
    case "runner": {
      const runner = model.runners.get(route.id);
      if (!runner) return <Gone what="runner" id={route.id} />;
      const classes = [...model.environmentClasses.values()].filter(
        (c) => c.runnerId === runner.id,
      );
      const pools = [...model.warmPools.values()].filter((p) => p.runnerId === runner.id);
      return (
        <>
          <Heading title={`Runner ${runner.name}`} id={runner.id} />
          <dl>
            <Item name="Organization">{model.organizations.get(runner.organizationId)?.name}</Item>
            <Item name="Health">
              {runner.failureMessage ? `failing: ${runner.failureMessage}` : "healthy"}
            </Item>
          </dl>
          <RunnerHealth key={runner.id} d={d} runner={runner} />
          <h3>Environment classes ({classes.length})</h3>
          <ul class="links">
            {classes.map((c) => (
              <li key={c.id}>
                <a href={detailsHref("class", c.id)}>{c.displayName}</a>
              </li>
            ))}
          </ul>
          <RelatedPools d={d} pools={pools} what={runner.name} />
        </>
      );
    }
    case "class": {
      const c = model.environmentClasses.get(route.id);
      if (!c) return <Gone what="environment class" id={route.id} />;
      const pools = [...model.warmPools.values()].filter((p) => p.environmentClassId === c.id);
      const projects = [...model.projects.values()].filter((p) =>
        p.prebuildConfiguration.environmentClassIds.includes(c.id),
      );
      return (
        <>
          <Heading title={`Environment class ${c.displayName}`} id={c.id} />
          <dl>
            <Item name="Runner">
              <a href={detailsHref("runner", c.runnerId)}>{model.runners.get(c.runnerId)?.name}</a>
            </Item>
            <Item name="Description">{c.description}</Item>
            <Item name="State">{c.enabled ? "enabled" : "disabled"}</Item>
          </dl>
          <button
            type="button"
            onClick={(e) => void toggleClass(d, c, e.currentTarget)}
          >{`${c.enabled ? "Disable" : "Enable"} class ${c.displayName}`}</button>
          <RelatedPools
            d={d}
            pools={pools}
            filter={{ environmentClass: c.id }}
            what={c.displayName}
          />
          <h3>Projects configured with it ({projects.length})</h3>
          <ul class="links">
            {projects.slice(0, LISTED).map((p) => (
              <li key={p.id}>
                <a href={detailsHref("project", p.id)}>{p.name}</a>
              </li>
            ))}
          </ul>
        </>
      );
    }
    case "prebuild": {
      const p = model.prebuilds.get(route.id);
      if (!p) return <Gone what="prebuild" id={route.id} />;
      const pool = [...model.warmPools.values()].find(
        (w) => w.projectId === p.projectId && w.environmentClassId === p.environmentClassId,
      );
      return (
        <>
          <Heading title="Prebuild" id={p.id} />
          <dl>
            <Item name="Project">
              <a href={detailsHref("project", p.projectId)}>
                {model.projects.get(p.projectId)?.name ?? p.projectId}
              </a>
            </Item>
            <Item name="Class">
              <a href={detailsHref("class", p.environmentClassId)}>
                {model.environmentClasses.get(p.environmentClassId)?.displayName}
              </a>
            </Item>
            <Item name="Phase">
              <span class={phaseClass(p.phase)} data-testid="details-prebuild-phase">
                {shortPhase(p.phase)}
              </span>{" "}
              {p.failureMessage}
              {p.dueAt !== undefined && (
                <span class="note" data-testid="details-prebuild-next">
                  {" "}
                  (next step at {formatTime(p.dueAt)})
                </span>
              )}
            </Item>
            <Item name="Started">
              {formatTime(p.createdAt)}
              {p.triggeredBy === "PREBUILD_TRIGGER_MANUAL" ? " through CreatePrebuild" : ""}
              {p.creatorId !== undefined
                ? ` by ${[...model.principals.values()].find((x) => x.userId === p.creatorId)?.name ?? p.creatorId}`
                : ""}
            </Item>
            {p.completedAt !== undefined && (
              <Item name="Finished">{formatTime(p.completedAt)}</Item>
            )}
            {p.statusVersion !== undefined && (
              <Item name="Status version">
                {p.statusVersion}
                {p.updatedAt !== undefined ? `, changed ${formatTime(p.updatedAt)}` : ""}
              </Item>
            )}
            {p.timeoutSeconds !== undefined && <Item name="Timeout">{p.timeoutSeconds} s</Item>}
            <Item name="Its pair's pool">
              {pool ? (
                <a href={detailsHref("pool", pool.id)} aria-label={`Warm pool ${pool.id}`}>
                  <code>{shortId(pool.id)}</code>
                  {pool.spec.snapshotId === p.id ? " (its snapshot)" : ""}
                </a>
              ) : (
                "none"
              )}
            </Item>
          </dl>
          <PrebuildActions prebuild={p} />
        </>
      );
    }
  }
}

function PoolDetails({ d, pool }: { d: Dashboard; pool: Pool }) {
  const { model } = d.mock;
  const { spec, status } = pool;
  const [min, setMin] = useState(String(spec.minSize));
  const [max, setMax] = useState(String(spec.maxSize));
  useEffect(() => {
    setMin(String(spec.minSize));
    setMax(String(spec.maxSize));
  }, [pool.id, spec.version]);
  const rotating =
    spec.snapshotId !== undefined &&
    pool.instancesSnapshotId !== undefined &&
    pool.instancesSnapshotId !== spec.snapshotId;
  const deleting = isDeleting(pool);
  return (
    <>
      <Heading title="Warm pool" id={pool.id} />
      <dl>
        <Item name="Phase">
          <span class={phaseClass(status.phase)} data-testid="details-phase">
            {shortPhase(status.phase)}
          </span>{" "}
          <span data-testid="details-failure">{status.failureMessage}</span>
        </Item>
        <Item name="Project">
          <a href={detailsHref("project", pool.projectId)}>
            {model.projects.get(pool.projectId)?.name ?? pool.projectId}
          </a>
        </Item>
        <Item name="Class">
          <a href={detailsHref("class", pool.environmentClassId)}>
            {model.environmentClasses.get(pool.environmentClassId)?.displayName}
          </a>
        </Item>
        <Item name="Runner">
          <a href={detailsHref("runner", pool.runnerId ?? "")}>
            {model.runners.get(pool.runnerId ?? "")?.name}
          </a>
        </Item>
        <Item name="Organization">{model.organizations.get(pool.organizationId)?.name}</Item>
        <Item name="Instances">
          {status.runningInstances} running, {status.stoppedInstances} stopped, {status.desiredSize}{" "}
          desired
        </Item>
        <Item name="Sizes">
          min {spec.minSize}, max {spec.maxSize}
        </Item>
        <Item name="Versions">
          spec {spec.version}, status {status.version}
        </Item>
        <Item name="Snapshot">
          {spec.snapshotId ? (
            <a
              href={detailsHref("prebuild", spec.snapshotId)}
              aria-label={`Prebuild ${spec.snapshotId}`}
            >
              <code>{shortId(spec.snapshotId)}</code>
            </a>
          ) : (
            "none"
          )}
          {rotating && pool.instancesSnapshotId && (
            <span data-testid="details-rotating">
              {" "}
              (rotating: instances still from{" "}
              <a
                href={detailsHref("prebuild", pool.instancesSnapshotId)}
                aria-label={`Prebuild ${pool.instancesSnapshotId}`}
              >
                <code>{shortId(pool.instancesSnapshotId)}</code>
              </a>
              )
            </span>
          )}
        </Item>
        <Item name="Updated">{formatTime(pool.updatedAt)}</Item>
      </dl>
      <div class="row">
        <button
          type="button"
          disabled={!canClaim(pool)}
          aria-label={`Claim 1 instance from pool ${pool.id}`}
          onClick={(e) => void claimOne(d, pool, e.currentTarget)}
        >
          Claim 1 instance
        </button>
        <button
          type="button"
          class="danger"
          disabled={deleting}
          aria-label={`Delete pool ${pool.id}…`}
          onClick={(e) => void deletePool(d, pool, e.currentTarget)}
        >
          Delete…
        </button>
      </div>
      <form
        class="inline"
        aria-label={`Resize pool ${pool.id}`}
        onSubmit={(e) => {
          e.preventDefault();
          const anchor = e.currentTarget.querySelector("button");
          void resize(d, pool, Number(min), Number(max), anchor);
        }}
      >
        <SizeField
          label="Min"
          name={`Minimum size of pool ${pool.id}`}
          value={min}
          onChange={setMin}
          focusKey="resize"
        />
        <SizeField
          label="Max"
          name={`Maximum size of pool ${pool.id}`}
          value={max}
          onChange={setMax}
        />
        <button type="submit" disabled={deleting} aria-label={`Resize pool ${pool.id}`}>
          Resize
        </button>
      </form>
    </>
  );
}

function RunnerHealth({
  d,
  runner,
}: {
  d: Dashboard;
  runner: { id: string; name: string; failureMessage?: string };
}) {
  const [message, setMessage] = useState("runner unreachable");
  if (runner.failureMessage) {
    return (
      <button
        type="button"
        onClick={(e) =>
          void d.mock.act(e.currentTarget, `Recovered runner ${runner.name}`, () =>
            callAdmin("recoverRunner", { params: { id: runner.id } }),
          )
        }
      >
        Recover runner {runner.name}
      </button>
    );
  }
  return (
    <form
      class="inline"
      onSubmit={(e) => {
        e.preventDefault();
        void d.mock.act(
          e.currentTarget.querySelector("button"),
          `Failed runner ${runner.name}`,
          () => callAdmin("degradeRunner", { params: { id: runner.id }, body: { message } }),
        );
      }}
    >
      <input
        type="text"
        required
        maxLength={500}
        data-focus="fail"
        aria-label={`Failure message for runner ${runner.name}`}
        value={message}
        onInput={(e) => setMessage(e.currentTarget.value)}
      />
      <button type="submit">Fail runner {runner.name}</button>
    </form>
  );
}

function ConfigurationForm({ d, project }: { d: Dashboard; project: Project }) {
  const { model } = d.mock;
  const config = project.prebuildConfiguration;
  const [enabled, setEnabled] = useState(config.enabled);
  const [classIds, setClassIds] = useState(config.environmentClassIds);
  const [timeout, setTimeoutSeconds] = useState(String(config.timeoutSeconds));
  const runners = new Set(
    [...model.runners.values()]
      .filter((r) => r.organizationId === project.organizationId)
      .map((r) => r.id),
  );
  const classes = [...model.environmentClasses.values()].filter((c) => runners.has(c.runnerId));
  return (
    <form
      class="stack"
      aria-label={`Prebuild configuration of ${project.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void d.mock.act(
          e.currentTarget.querySelector("button[type=submit]"),
          `Saved the prebuild configuration of ${project.name}`,
          () =>
            callAdmin("patchPrebuildConfiguration", {
              params: { id: project.id },
              body: { enabled, environmentClassIds: classIds, timeoutSeconds: Number(timeout) },
            }),
        );
      }}
    >
      <label>
        <input
          type="checkbox"
          data-focus="edit"
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
  );
}

function RelatedPools({
  d,
  pools,
  filter,
  what,
}: {
  d: Dashboard;
  pools: Pool[];
  filter?: Partial<PoolFilters>;
  what: string;
}) {
  return (
    <>
      <h3>Warm pools ({pools.length})</h3>
      {filter && pools.length > 0 && (
        <button
          type="button"
          onClick={() => {
            d.setFilters({ ...NO_FILTERS, ...filter });
            document.getElementById("pools-heading")?.scrollIntoView();
          }}
        >
          Show the pools of {what} in the table
        </button>
      )}
      <ul class="links">
        {pools.slice(0, LISTED).map((p) => (
          <li key={p.id}>
            <a href={detailsHref("pool", p.id)} aria-label={`Warm pool ${p.id}`}>
              <code>{shortId(p.id)}</code>
            </a>{" "}
            {d.mock.model.environmentClasses.get(p.environmentClassId)?.displayName}{" "}
            <span class={phaseClass(p.status.phase)}>{shortPhase(p.status.phase)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Heading({ title, id }: { title: string; id: string }) {
  return (
    <>
      <h2 id="details-heading" tabIndex={-1}>
        {title}
      </h2>
      <p>
        <code class="full-id">{id}</code> <CopyButton text={id} label={`Copy the ID ${id}`} />
      </p>
    </>
  );
}

function Item({ name, children }: { name: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Gone({ what, id }: { what: string; id: string }) {
  return (
    <>
      <h2 id="details-heading" tabIndex={-1}>
        No {what} {shortId(id)}
      </h2>
      <p>
        The world holds no {what} with the ID {id} (any more).
      </p>
    </>
  );
}
