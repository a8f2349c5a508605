import { useMemo, useState } from "preact/hooks";
import type {
  EnvironmentClass,
  Prebuild,
  Project,
  Runner,
} from "../../src/generated/admin-types.js";
import { callAdmin } from "./admin-api.js";
import { type Dashboard, useDashboard } from "./dashboard-context.js";
import { byName, detailsHref, formatCount, formatTime, phaseClass, shortPhase } from "./format.js";
import { NO_FILTERS } from "./pool-filters.js";
import { RecordPrebuildForm } from "./record-prebuild-form.js";
import { ShortId } from "./short-id.js";
import { type Column, nextSort, type Sort, VirtualTable } from "./virtual-table.js";
import type { WorldModel } from "./world-model.js";

type Tab = "runners" | "environmentClasses" | "projects" | "prebuilds";

const TABS: { key: Tab; label: string }[] = [
  { key: "runners", label: "Runners" },
  { key: "environmentClasses", label: "Environment classes" },
  { key: "projects", label: "Projects" },
  { key: "prebuilds", label: "Prebuilds" },
];

/**
 * What the pools depend on, one kind per tab: runners, environment classes, projects and
 * prebuilds, each in a windowed table found by part of a name or ID, with its actions; a
 * record's link opens its details.
 */
export function RecordsPanel() {
  const d = useDashboard();
  const { model } = d.mock;
  const [tab, setTab] = useState<Tab>("runners");
  const [text, setText] = useState("");
  const [sort, setSort] = useState<Sort>({ key: "name", descending: false });
  const v = model.versions;
  const poolCounts = useMemo(() => countPools(model), [model, v.warmPools]);
  // The columns read the model when drawn and call what `d` holds (stable functions), so the
  // table is made again only for another tab or other pool counts.
  const table = useMemo(() => tableOf(d, tab, poolCounts), [tab, poolCounts]);
  const rows = useMemo(
    () => table.rows(text.trim().toLowerCase(), sort),
    [table, text, sort, v[tab], v.projects, v.environmentClasses, v.runners],
  );
  return (
    <section class="panel" aria-labelledby="records-heading">
      <h2 id="records-heading">Runners, classes, projects and prebuilds</h2>
      <div role="tablist" aria-label="Kinds of record" class="row tabs">
        {TABS.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls="records-tabpanel"
            tabIndex={tab === t.key ? 0 : -1}
            onClick={() => {
              setTab(t.key);
              setText("");
              setSort({ key: "name", descending: false });
            }}
            onKeyDown={(e) => {
              const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
              if (!step) return;
              const next = TABS[
                (TABS.indexOf(t) + step + TABS.length) % TABS.length
              ] as (typeof TABS)[0];
              setTab(next.key);
              setText("");
              document.getElementById(`tab-${next.key}`)?.focus();
            }}
          >
            {t.label} {formatCount(model[t.key].size)}
          </button>
        ))}
      </div>
      <div id="records-tabpanel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <div class="row filters">
          <input
            type="search"
            aria-label={`Find ${TABS.find((t) => t.key === tab)?.label.toLowerCase()} by part of a name or ID`}
            placeholder="Part of a name or ID"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          {tab === "prebuilds" && <RecordPrebuildForm />}
        </div>
        <VirtualTable
          label={TABS.find((t) => t.key === tab)?.label ?? ""}
          rows={rows}
          columns={table.columns}
          rowKey={(r: { id: string }) => r.id}
          rowAttributes={table.attributes}
          sort={sort}
          onSort={(key) => setSort(nextSort(sort, key))}
          visibleRows={8}
          empty="None."
        />
      </div>
    </section>
  );
}

interface RecordTable {
  columns: Column<{ id: string }>[];
  rows: (text: string, sort: Sort) => { id: string }[];
  attributes: (row: { id: string }) => Record<string, string>;
}

function countPools(model: WorldModel): Map<string, number> {
  const counts = new Map<string, number>();
  for (const pool of model.warmPools.values()) {
    for (const id of [pool.projectId, pool.environmentClassId, pool.runnerId ?? ""]) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

/** A table of one kind of record: which rows a text leaves, in which order, and their columns. */
function table<T extends { id: string }>(
  records: () => Iterable<T>,
  name: (record: T) => string,
  attribute: string,
  columns: Column<T>[],
  keys: Record<string, (record: T) => string | number> = {},
): RecordTable {
  return {
    columns: columns as unknown as Column<{ id: string }>[],
    attributes: (row) => ({ [attribute]: row.id }),
    rows: (text, sort) => {
      const key = keys[sort.key] ?? name;
      const found = [...records()].filter(
        (r) => !text || r.id.includes(text) || name(r).toLowerCase().includes(text),
      );
      const sign = sort.descending ? -1 : 1;
      return found.sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        return sign * (typeof x === "number" ? x - (y as number) : byName(String(x), String(y)));
      });
    },
  };
}

function tableOf(d: Dashboard, tab: Tab, poolCounts: Map<string, number>): RecordTable {
  const { model } = d.mock;
  const orgName = (id: string) => model.organizations.get(id)?.name ?? id;
  const poolsCell = (filter: Partial<typeof NO_FILTERS>, id: string, what: string) => {
    const count = poolCounts.get(id) ?? 0;
    return count === 0 ? (
      "0"
    ) : (
      <button
        type="button"
        class="link"
        aria-label={`Show the ${count} pools of ${what}`}
        onClick={() => {
          d.setFilters({ ...NO_FILTERS, ...filter });
          document.getElementById("pools-heading")?.scrollIntoView();
        }}
      >
        {formatCount(count)}
      </button>
    );
  };
  switch (tab) {
    case "runners":
      return table<Runner>(
        () => model.runners.values(),
        (r) => r.name,
        "data-runner-id",
        [
          {
            key: "name",
            label: "Runner",
            sortable: true,
            cell: (r) => <a href={detailsHref("runner", r.id)}>{r.name}</a>,
          },
          {
            key: "id",
            label: "ID",
            width: "7.5rem",
            cell: (r) => <ShortId id={r.id} what="Runner" />,
          },
          { key: "org", label: "Organization", cell: (r) => orgName(r.organizationId) },
          {
            key: "health",
            label: "Health",
            cell: (r) =>
              r.failureMessage ? (
                <>
                  <span class="phase phase-degraded">failing</span>{" "}
                  <span class="reason" title={r.failureMessage}>
                    {r.failureMessage}
                  </span>
                </>
              ) : (
                <span class="phase phase-ready">healthy</span>
              ),
          },
          { key: "pools", label: "Pools", width: "5rem", cell: (r) => poolsCell({}, r.id, r.name) },
          {
            key: "act",
            label: "",
            width: "10rem",
            cell: (r) =>
              r.failureMessage ? (
                <button
                  type="button"
                  aria-label={`Recover runner ${r.name}`}
                  onClick={(e) =>
                    void d.mock.act(e.currentTarget, `Recovered runner ${r.name}`, () =>
                      callAdmin("recoverRunner", { params: { id: r.id } }),
                    )
                  }
                >
                  Recover
                </button>
              ) : (
                <a
                  href={`${detailsHref("runner", r.id)}/fail`}
                  aria-label={`Fail runner ${r.name}…`}
                >
                  Fail…
                </a>
              ),
          },
        ],
      );
    case "environmentClasses":
      return table<EnvironmentClass>(
        () => model.environmentClasses.values(),
        (c) => c.displayName,
        "data-class-id",
        [
          {
            key: "name",
            label: "Class",
            sortable: true,
            cell: (c) => <a href={detailsHref("class", c.id)}>{c.displayName}</a>,
          },
          {
            key: "id",
            label: "ID",
            width: "7.5rem",
            cell: (c) => <ShortId id={c.id} what="Class" />,
          },
          {
            key: "runner",
            label: "Runner",
            cell: (c) => (
              <a href={detailsHref("runner", c.runnerId)}>
                {model.runners.get(c.runnerId)?.name ?? c.runnerId}
              </a>
            ),
          },
          {
            key: "enabled",
            label: "State",
            width: "6rem",
            cell: (c) => (
              <span class={c.enabled ? "phase phase-ready" : "phase phase-degraded"}>
                {c.enabled ? "enabled" : "disabled"}
              </span>
            ),
          },
          {
            key: "pools",
            label: "Pools",
            width: "5rem",
            cell: (c) => poolsCell({ environmentClass: c.id }, c.id, c.displayName),
          },
          {
            key: "act",
            label: "",
            width: "10rem",
            cell: (c) => (
              <button
                type="button"
                aria-label={`${c.enabled ? "Disable" : "Enable"} class ${c.displayName}`}
                onClick={(e) => void toggleClass(d, c, e.currentTarget)}
              >
                {c.enabled ? "Disable" : "Enable"}
              </button>
            ),
          },
        ],
      );
    case "projects":
      return table<Project>(
        () => model.projects.values(),
        (p) => p.name,
        "data-project-id",
        [
          {
            key: "name",
            label: "Project",
            sortable: true,
            cell: (p) => <a href={detailsHref("project", p.id)}>{p.name}</a>,
          },
          {
            key: "id",
            label: "ID",
            width: "7.5rem",
            cell: (p) => <ShortId id={p.id} what="Project" />,
          },
          {
            key: "prebuilds",
            label: "Prebuilds",
            width: "15rem",
            cell: (p) => (
              <span data-testid="prebuild-configuration" title={describeConfiguration(model, p)}>
                {describeConfiguration(model, p)}
              </span>
            ),
          },
          {
            key: "pools",
            label: "Pools",
            width: "5rem",
            sortable: true,
            cell: (p) => poolsCell({ project: p.id }, p.id, p.name),
          },
          {
            key: "act",
            label: "",
            width: "5rem",
            cell: (p) => (
              <a
                href={`${detailsHref("project", p.id)}/edit`}
                aria-label={`Edit project ${p.name}…`}
              >
                Edit…
              </a>
            ),
          },
        ],
        { pools: (p) => poolCounts.get(p.id) ?? 0 },
      );
    case "prebuilds":
      return table<Prebuild>(
        () => model.prebuilds.values(),
        (p) => model.projects.get(p.projectId)?.name ?? p.projectId,
        "data-prebuild-id",
        [
          {
            key: "id",
            label: "Prebuild",
            width: "7.5rem",
            cell: (p) => <ShortId id={p.id} what="Prebuild" href={detailsHref("prebuild", p.id)} />,
          },
          {
            key: "name",
            label: "Project",
            sortable: true,
            cell: (p) => (
              <a href={detailsHref("project", p.projectId)}>
                {model.projects.get(p.projectId)?.name ?? p.projectId}
              </a>
            ),
          },
          {
            key: "class",
            label: "Class",
            width: "7rem",
            cell: (p) => (
              <a href={detailsHref("class", p.environmentClassId)}>
                {model.environmentClasses.get(p.environmentClassId)?.displayName ??
                  p.environmentClassId}
              </a>
            ),
          },
          {
            key: "phase",
            label: "Phase",
            sortable: true,
            cell: (p) => (
              <>
                <span class={phaseClass(p.phase)} data-testid="prebuild-phase">
                  {shortPhase(p.phase)}
                </span>
                {p.failureMessage && (
                  <span class="reason" title={p.failureMessage}>
                    {" "}
                    {p.failureMessage}
                  </span>
                )}
              </>
            ),
          },
          {
            key: "created",
            label: "Created",
            width: "6rem",
            sortable: true,
            cell: (p) => (
              <time title={formatTime(p.createdAt)}>{formatTime(p.createdAt).slice(11, 19)}</time>
            ),
          },
          {
            key: "act",
            label: "",
            width: "9.5rem",
            cell: (p) => <PrebuildActions prebuild={p} />,
          },
        ],
        { phase: (p) => p.phase, created: (p) => p.createdAt },
      );
  }
}

const FINISHED = new Set(["PREBUILD_PHASE_COMPLETED", "PREBUILD_PHASE_FAILED"]);

/** Complete or fail a prebuild that has not finished. */
export function PrebuildActions({ prebuild }: { prebuild: Prebuild }) {
  const d = useDashboard();
  if (FINISHED.has(prebuild.phase)) return null;
  return (
    <span class="row tight">
      <button
        type="button"
        aria-label={`Complete prebuild ${prebuild.id}`}
        onClick={(e) =>
          void d.mock.act(e.currentTarget, `Completed prebuild ${prebuild.id}`, () =>
            callAdmin("completePrebuild", { params: { id: prebuild.id } }),
          )
        }
      >
        Complete
      </button>
      <button
        type="button"
        aria-label={`Fail prebuild ${prebuild.id}`}
        onClick={(e) =>
          void d.mock.act(e.currentTarget, `Failed prebuild ${prebuild.id}`, () =>
            callAdmin("failPrebuild", {
              params: { id: prebuild.id },
              body: { message: "failed from the dashboard" },
            }),
          )
        }
      >
        Fail
      </button>
    </span>
  );
}

/** Disables or enables a class (its pools turn DEGRADED, or recover). */
export function toggleClass(d: Dashboard, c: EnvironmentClass, anchor: Element) {
  return d.mock.act(anchor, `${c.enabled ? "Disabled" : "Enabled"} class ${c.displayName}`, () =>
    callAdmin("patchEnvironmentClass", { params: { id: c.id }, body: { enabled: !c.enabled } }),
  );
}

/** A project's prebuild configuration in one line. */
export function describeConfiguration(model: WorldModel, p: Project): string {
  const config = p.prebuildConfiguration;
  const classes = config.environmentClassIds
    .map((id) => model.environmentClasses.get(id)?.displayName ?? id)
    .join(", ");
  return `${config.enabled ? "on" : "off"}; ${classes || "no classes"}; timeout ${config.timeoutSeconds} s`;
}
