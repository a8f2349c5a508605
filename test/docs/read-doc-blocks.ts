import { readFileSync } from "node:fs";

/** One shell command of a document, with the output lines the document says it prints. */
export interface DocCommand {
  line: number;
  text: string;
  expected: string[];
}

/** What a document asks of one of its shell blocks. */
export type DocStep =
  | { kind: "mock"; line: number; args: string[] }
  | { kind: "run"; line: number; commands: DocCommand[] }
  | { kind: "covered"; line: number; by: string[]; block: string };

const FENCE = /^```(\w*)\s*$/;
const DIRECTIVE = /^<!--\s*doc-run:\s*(.*?)\s*-->$/;
const SHELL = new Set(["sh", "bash", "shell"]);

/**
 * Reads the shell blocks of a Markdown file in order. A block runs against the mock unless the
 * comment just above it says `<!-- doc-run: covered by PATH, … -->` (a test or script that runs
 * it); `<!-- doc-run: mock ARGS -->` (re)starts the mock with ARGS for the blocks after it.
 */
export function readDocBlocks(path: string): DocStep[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const steps: DocStep[] = [];
  let pending: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const directive = DIRECTIVE.exec(line.trim());
    if (directive) {
      const words = (directive[1] ?? "").split(/\s+/);
      if (words[0] === "mock") steps.push({ kind: "mock", line: i + 1, args: words.slice(1) });
      else if (words[0] === "covered" && words[1] === "by") pending = words.slice(2).join(" ");
      else throw new Error(`${path}:${i + 1}: unknown doc-run directive: ${line.trim()}`);
      continue;
    }
    const fence = FENCE.exec(line);
    if (!fence) {
      if (line.trim() !== "") pending = undefined;
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ""); i++) body.push(lines[i] ?? "");
    if (!SHELL.has(fence[1] ?? "")) continue;
    if (pending !== undefined) {
      const by = pending
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean);
      steps.push({ kind: "covered", line: start + 1, by, block: body.join("\n") });
    } else {
      steps.push({ kind: "run", line: start + 1, commands: splitCommands(body, start + 2) });
    }
    pending = undefined;
  }
  return steps;
}

// A command is a line (joined with its `\` continuations); `# ` lines right after it, with no
// blank line between, are what it prints; other comments are prose.
function splitCommands(body: string[], firstLine: number): DocCommand[] {
  const commands: DocCommand[] = [];
  let current: DocCommand | undefined;
  for (let i = 0; i < body.length; i++) {
    const raw = body[i] ?? "";
    const trimmed = raw.trim();
    if (trimmed === "") {
      current = undefined;
    } else if (trimmed.startsWith("#")) {
      current?.expected.push(trimmed.replace(/^# ?/, ""));
    } else {
      let text = raw;
      const line = firstLine + i;
      while (text.endsWith("\\") && i + 1 < body.length)
        text = `${text.slice(0, -1)}\n${body[++i]}`;
      current = { line, text, expected: [] };
      commands.push(current);
    }
  }
  return commands;
}
