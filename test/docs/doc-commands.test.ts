// Every shell command in the README and docs/ is run here, against the mock it describes, and
// what the document says a command prints must be what it prints. Blocks that need something
// else (Docker, a long benchmark) name the test or script that runs them instead.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findPackageRoot } from "../../src/package-root.js";
import { type CliProcess, startCli } from "../support/start-cli.js";
import { type DocCommand, readDocBlocks } from "./read-doc-blocks.js";

const ROOT = findPackageRoot();
const DOCUMENTED_URL = "http://127.0.0.1:4010";
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function documents(): string[] {
  const found = ["README.md", "CONTRIBUTING.md", "contract-tests/README.md", "test/README.md"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".md")) found.push(path);
    }
  };
  if (existsSync(join(ROOT, "docs"))) walk("docs");
  return found.filter((path) => existsSync(join(ROOT, path)));
}

// IDs a reader can look up (fixtures, or written into a command) must match exactly; IDs the
// mock makes up while the document runs only have to be the same ID wherever they recur.
function fixedIds(commands: DocCommand[]): Set<string> {
  const ids = new Set<string>();
  const fixtures = join(ROOT, "fixtures");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (entry.name.endsWith(".json")) {
        for (const id of readFileSync(join(dir, entry.name), "utf8").match(UUID) ?? []) ids.add(id);
      }
    }
  };
  walk(fixtures);
  for (const command of commands) for (const id of command.text.match(UUID) ?? []) ids.add(id);
  return ids;
}

function normalise(lines: string[], fixed: Set<string>, seen: Map<string, number>): string[] {
  return lines.map((line) =>
    line
      .replace(UUID, (id) => {
        const key = id.toLowerCase();
        if (fixed.has(key)) return key;
        if (!seen.has(key)) seen.set(key, seen.size + 1);
        return `<id ${seen.get(key)}>`;
      })
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>")
      .replace(/"nowMs":\d+/g, '"nowMs":<ms>')
      .trimEnd(),
  );
}

interface Ran {
  command: DocCommand;
  status: number;
  stdout: string[];
  stderr: string;
}

// One bash session per run of blocks, so variables set by one command reach the next. It runs in
// its own process group, so whatever a command starts is stopped with it.
async function runCommands(commands: DocCommand[], url: string): Promise<Ran[]> {
  const dir = mkdtempSync(join(tmpdir(), "doc-run-"));
  const script = commands
    .map((c, i) => {
      const text = c.text.replaceAll(DOCUMENTED_URL, url);
      return `{\n${text}\n} >${dir}/${i}.out 2>${dir}/${i}.err </dev/null\necho $? >${dir}/${i}.rc`;
    })
    .join("\n");
  writeFileSync(join(dir, "script.sh"), script);
  const bash = spawn("bash", [join(dir, "script.sh")], {
    cwd: ROOT,
    detached: true,
    stdio: "ignore",
  });
  const timer = setTimeout(() => process.kill(-(bash.pid as number), "SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => bash.once("exit", resolve));
  clearTimeout(timer);
  if (code === null) throw new Error(`the commands did not finish within 60 s:\n${script}`);
  return commands.map((command, i) => {
    const read = (ext: string) =>
      existsSync(join(dir, `${i}.${ext}`)) ? readFileSync(join(dir, `${i}.${ext}`), "utf8") : "";
    const out = read("out").replace(/\n$/, "");
    return {
      command,
      status: Number(read("rc").trim() || "-1"),
      stdout: out === "" ? [] : out.split("\n"),
      stderr: read("err"),
    };
  });
}

let running: CliProcess | undefined;
afterEach(() => {
  running?.child.kill("SIGTERM");
  running = undefined;
});

describe.each(documents())("%s", (doc) => {
  const steps = readDocBlocks(join(ROOT, doc));

  it("names only tests and scripts that exist for the blocks it does not run", () => {
    for (const step of steps) {
      if (step.kind !== "covered") continue;
      expect(step.by.length, `${doc}:${step.line}`).toBeGreaterThan(0);
      for (const path of step.by)
        expect(existsSync(join(ROOT, path)), `${doc}:${step.line} ${path}`).toBe(true);
    }
  });

  // A document with nothing to run gets no such test, rather than a skipped one.
  if (!steps.some((s) => s.kind === "run")) return;
  it("runs every shell command and prints what it says", async () => {
    let pending: DocCommand[] = [];
    let args: string[] = [];
    const all = steps.flatMap((s) => (s.kind === "run" ? s.commands : []));
    const fixed = fixedIds(all);
    const seenDoc = new Map<string, number>();
    const seenRun = new Map<string, number>();
    const flush = async () => {
      if (pending.length === 0) return;
      running ??= await startCli(args);
      for (const ran of await runCommands(pending, running.url)) {
        const where = `${doc}:${ran.command.line}: ${ran.command.text}`;
        expect(ran.status, `${where}\n${ran.stderr}`).toBe(0);
        if (ran.command.expected.length === 0) continue;
        expect(normalise(ran.stdout, fixed, seenRun), where).toEqual(
          normalise(ran.command.expected, fixed, seenDoc),
        );
      }
      pending = [];
    };
    for (const step of steps) {
      if (step.kind === "mock") {
        await flush();
        running?.child.kill("SIGTERM");
        running = undefined;
        args = step.args;
      } else if (step.kind === "run") pending.push(...step.commands);
    }
    await flush();
  }, 120_000);
});

it("finds the documents it checks", () => {
  expect(documents().map((d) => relative(ROOT, join(ROOT, d)))).toContain("README.md");
});
