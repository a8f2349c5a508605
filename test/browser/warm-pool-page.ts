// Bundled by esbuild and run inside Chromium: a small warm-pool settings page, as a frontend
// team would build it, talking to the API through connect-web and the public RPCs only.
// It loads the project, offers the classes of its prebuild configuration by name, creates a
// pool for the one picked, shows the pool's phase and snapshot, and runs a prebuild.
import { type Client, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { EnvironmentService } from "../../src/gen/gitpod/v1/environment_pb.js";
import {
  PrebuildPhase,
  PrebuildService,
  WarmPoolPhase,
} from "../../src/gen/gitpod/v1/prebuild_pb.js";
import { ProjectService } from "../../src/gen/gitpod/v1/project_pb.js";
import { RunnerPhase, RunnerService } from "../../src/gen/gitpod/v1/runner_pb.js";

interface PageOptions {
  baseUrl: string;
  token: string;
  projectId: string;
  useBinaryFormat: boolean;
}

interface Clients {
  projects: Client<typeof ProjectService>;
  environments: Client<typeof EnvironmentService>;
  prebuilds: Client<typeof PrebuildService>;
  runners: Client<typeof RunnerService>;
}

// The little of the DOM the page uses, typed here: the project's TypeScript has no DOM library
// (its fetch types would clash with Node's in the other tests).
interface PageElement {
  textContent: string | null;
  value: string;
  setAttribute(name: string, value: string): void;
  append(...children: PageElement[]): void;
  replaceChildren(...children: PageElement[]): void;
  addEventListener(type: string, listener: () => void): void;
}
const page = (
  globalThis as unknown as {
    document: {
      body: PageElement;
      createElement(tag: string): PageElement;
      querySelector(selector: string): PageElement | null;
    };
  }
).document;

const $ = (id: string) => page.querySelector(`[data-testid="${id}"]`) as PageElement;

function element(tag: string, attributes: Record<string, string>, text = ""): PageElement {
  const node = page.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.textContent = text;
  return node;
}

function render(): void {
  page.body.replaceChildren(
    element("h1", { "data-testid": "project-name" }, "loading…"),
    element("p", { "data-testid": "prebuilds-enabled" }),
    element("label", { for: "class" }, "Environment class"),
    element("select", { id: "class", "data-testid": "class-picker" }),
    element("button", { "data-testid": "create-pool", type: "button" }, "Create warm pool"),
    element("p", { "data-testid": "pool-phase" }),
    element("p", { "data-testid": "pool-snapshot" }),
    element("p", { "data-testid": "runner-phase" }),
    element("button", { "data-testid": "run-prebuild", type: "button" }, "Run prebuild"),
    element("p", { "data-testid": "prebuild-phase" }),
    element("p", { "data-testid": "error", role: "alert" }),
  );
}

async function load(
  clients: Clients,
  options: PageOptions,
  headers: Record<string, string>,
): Promise<void> {
  const { project } = await clients.projects.getProject(
    { projectId: options.projectId },
    { headers },
  );
  const config = project?.prebuildConfiguration;
  $("project-name").textContent = project?.metadata?.name ?? "";
  $("prebuilds-enabled").textContent = config?.enabled ? "Prebuilds on" : "Prebuilds off";
  // The classes the page may offer: the configuration's, named as the class list names them.
  const names = new Map<string, string>();
  let token = "";
  do {
    const page = await clients.environments.listEnvironmentClasses(
      { pagination: { pageSize: 2, token } },
      { headers },
    );
    for (const c of page.environmentClasses) if (c.enabled) names.set(c.id, c.displayName);
    token = page.pagination?.nextToken ?? "";
  } while (token);
  const picker = $("class-picker");
  for (const id of config?.environmentClassIds ?? []) {
    const name = names.get(id);
    if (name) picker.append(element("option", { value: id }, name));
  }
}

function watch(
  clients: Clients,
  headers: Record<string, string>,
  state: { poolId?: string; prebuildId?: string },
) {
  setInterval(async () => {
    try {
      if (state.poolId) {
        const { warmPool } = await clients.prebuilds.getWarmPool(
          { warmPoolId: state.poolId },
          { headers },
        );
        $("pool-phase").textContent = WarmPoolPhase[warmPool?.status?.phase ?? 0] ?? "";
        $("pool-snapshot").textContent = warmPool?.spec?.snapshotId ?? "";
        const { runner } = await clients.runners.getRunner(
          { runnerId: warmPool?.metadata?.runnerId ?? "" },
          { headers },
        );
        $("runner-phase").textContent = RunnerPhase[runner?.status?.phase ?? 0] ?? "";
      }
      if (state.prebuildId) {
        const { prebuild } = await clients.prebuilds.getPrebuild(
          { prebuildId: state.prebuildId },
          { headers },
        );
        $("prebuild-phase").textContent =
          `${state.prebuildId} ${PrebuildPhase[prebuild?.status?.phase ?? 0] ?? ""}`;
      }
    } catch (error) {
      $("error").textContent = String(error);
    }
  }, 50);
}

async function openPage(options: PageOptions): Promise<void> {
  const transport = createConnectTransport({
    baseUrl: options.baseUrl,
    useBinaryFormat: options.useBinaryFormat,
    useHttpGet: true,
  });
  const clients: Clients = {
    projects: createClient(ProjectService, transport),
    environments: createClient(EnvironmentService, transport),
    prebuilds: createClient(PrebuildService, transport),
    runners: createClient(RunnerService, transport),
  };
  const headers = { Authorization: `Bearer ${options.token}` };
  const state: { poolId?: string; prebuildId?: string } = {};
  render();
  $("create-pool").addEventListener("click", async () => {
    const environmentClassId = $("class-picker").value;
    try {
      const { warmPool } = await clients.prebuilds.createWarmPool(
        { projectId: options.projectId, environmentClassId, minSize: 1, maxSize: 2 },
        { headers },
      );
      state.poolId = warmPool?.id;
    } catch (error) {
      $("error").textContent = String(error);
    }
  });
  $("run-prebuild").addEventListener("click", async () => {
    const environmentClassId = $("class-picker").value;
    try {
      const { prebuild } = await clients.prebuilds.createPrebuild(
        { projectId: options.projectId, environmentClassId, spec: {} },
        { headers },
      );
      state.prebuildId = prebuild?.id;
    } catch (error) {
      $("error").textContent = String(error);
    }
  });
  await load(clients, options, headers);
  watch(clients, headers, state);
}

Object.assign(globalThis, { openPage });
