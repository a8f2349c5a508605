// `npm run docker:check`: runs the Dockerfile's steps without a Docker engine, in a clean
// temporary directory: each stage gets its own root folder, COPY copies from the build context
// (filtered by .dockerignore) or from an earlier stage, RUN runs in the stage's WORKDIR with
// its ENV, and the final stage's CMD is started and must pass the HEALTHCHECK, answer an RPC,
// and stop cleanly on SIGTERM. It also checks what a reviewer would: several stages, a
// non-root USER, EXPOSE 4010, a health check that needs no curl, and that everything the
// built code imports is a production dependency.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { findFreePort } from "./find-free-port.js";

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

/** Runs the checks; throws on the first failure, logging each step as it goes. */
export async function checkDockerfile(
  contextDir: string,
  log: (line: string) => void = console.log,
): Promise<void> {
  const instructions = parseDockerfile(readFileSync(join(contextDir, "Dockerfile"), "utf8"));
  const ignored = createIgnore(readFileSync(join(contextDir, ".dockerignore"), "utf8"));
  const tmp = mkdtempSync(join(tmpdir(), "wpm-docker-"));
  const context = join(tmp, "context");
  copyContext(contextDir, context, ignored);
  const stages: Stage[] = [];
  let stage: Stage | undefined;
  try {
    for (const ins of instructions) {
      const where = `Dockerfile:${ins.line} ${ins.keyword}`;
      if (ins.keyword === "FROM") {
        const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
        if (!m?.[1]?.startsWith("node:20"))
          throw new Error(`${where}: expected a node:20 base image`);
        stage = {
          name: m[2] ?? String(stages.length),
          root: join(tmp, "stages", String(stages.length)),
          workdir: "/",
          env: {},
          expose: [],
        };
        mkdirSync(stage.root, { recursive: true });
        stages.push(stage);
        log(`stage ${stage.name} (${m[1]})`);
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
          const result = spawnSync("bash", ["-ec", ins.args], {
            cwd: inStage("."),
            env: { ...process.env, ...current.env, npm_config_prefer_offline: "true" },
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
    await runContainer(runtime, app, log);
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

async function runContainer(stage: Stage, app: string, log: (line: string) => void) {
  const port = String(await findFreePort());
  // PORT is remapped to a free port, as `-p` would; the rest of ENV is the image's.
  const env = { PATH: process.env.PATH ?? "", ...stage.env, PORT: port };
  const [command, ...args] = stage.cmd as string[];
  log(`  CMD ${JSON.stringify(stage.cmd)} with PORT=${port}`);
  const child = spawn(command === "node" ? process.execPath : (command as string), args, {
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
      const probe = spawnSync(hc === "node" ? process.execPath : (hc as string), hcArgs, { env });
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
  await checkDockerfile(root).then(
    () => console.log("Dockerfile steps: ok"),
    (error: Error) => {
      console.error(`Dockerfile check failed: ${error.message}`);
      process.exit(1);
    },
  );
}
