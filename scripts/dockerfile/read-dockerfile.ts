import {
  type Cmd,
  type Copy,
  DockerfileParser,
  type Env,
  From,
  type Healthcheck,
  type Instruction,
  JSONInstruction,
} from "dockerfile-ast";
import { validate } from "dockerfile-utils";

/** One step of a stage, as the replay and the rules need it. */
export type Step =
  | { keyword: "WORKDIR"; line: number; path: string }
  | { keyword: "ENV"; line: number; vars: Record<string, string> }
  | { keyword: "COPY"; line: number; from?: string; sources: string[]; dest: string }
  | { keyword: "RUN"; line: number; command: string }
  | { keyword: "USER"; line: number; user: string }
  | { keyword: "EXPOSE"; line: number; ports: string[] }
  | { keyword: "HEALTHCHECK"; line: number; command: string[] }
  | { keyword: "CMD"; line: number; command: string[] };

/** A build stage: its base image, its name (`AS name`, or its index), and its steps. */
export interface StagePlan {
  name: string;
  image: string;
  line: number;
  steps: Step[];
}

/**
 * Reads a Dockerfile with dockerfile-ast (Docker's grammar: parser directives, escapes,
 * continuations, flags, JSON forms) into its stages. Throws an Error naming the line of an
 * instruction this check does not replay (ENTRYPOINT, ADD, ARG, …), of a CMD or HEALTHCHECK
 * in shell form, or of one before the first FROM.
 */
export function readDockerfile(text: string): StagePlan[] {
  const stages: StagePlan[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const line = instruction.getRange().start.line + 1;
    const keyword = instruction.getKeyword();
    const where = `Dockerfile:${line} ${keyword}`;
    if (instruction instanceof From) {
      stages.push({
        name: instruction.getBuildStage() ?? String(stages.length),
        image: instruction.getImage() ?? "",
        line,
        steps: [],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${where}: before any FROM`);
    stage.steps.push(readStep(instruction, line, where));
  }
  return stages;
}

function readStep(instruction: Instruction, line: number, where: string): Step {
  const words = () => instruction.getArguments().map((a) => a.getValue());
  switch (instruction.getKeyword()) {
    case "WORKDIR":
      return { keyword: "WORKDIR", line, path: words().join(" ") };
    case "ENV": {
      const vars: Record<string, string> = {};
      for (const property of (instruction as Env).getProperties()) {
        // getValue() is the value with Docker's quotes and escapes removed.
        vars[property.getName()] = property.getValue() ?? "";
      }
      return { keyword: "ENV", line, vars };
    }
    case "COPY": {
      const copy = instruction as Copy;
      const paths = words();
      const dest = paths.pop();
      if (dest === undefined || paths.length === 0)
        throw new Error(`${where}: needs a source and a destination`);
      // getFromFlag() misses --from after another flag; the flag list has it wherever it is.
      const from =
        copy
          .getFlags()
          .find((flag) => flag.getName() === "from")
          ?.getValue() ?? undefined;
      return { keyword: "COPY", line, ...(from ? { from } : {}), sources: paths, dest };
    }
    case "RUN":
      // Continuations joined as Docker hands the shell form to /bin/sh -c.
      return { keyword: "RUN", line, command: instruction.getArgumentsContent() ?? "" };
    case "USER":
      return { keyword: "USER", line, user: words().join(" ") };
    case "EXPOSE":
      return { keyword: "EXPOSE", line, ports: words() };
    case "HEALTHCHECK": {
      const check = instruction as Healthcheck;
      if (check.getSubcommand()?.getValue().toUpperCase() !== "CMD") {
        throw new Error(`${where}: expected HEALTHCHECK [options] CMD [...]`);
      }
      // What follows CMD, flags already left out: the exec form, a JSON array.
      const content = instruction.getArgumentsContent() ?? "";
      return {
        keyword: "HEALTHCHECK",
        line,
        command: parseExecForm(content.replace(/^\S+/, ""), where),
      };
    }
    case "CMD": {
      const cmd = instruction as Cmd;
      if (!(cmd instanceof JSONInstruction) || cmd.getOpeningBracket() === null) {
        throw new Error(`${where}: use the exec (JSON array) form`);
      }
      return { keyword: "CMD", line, command: cmd.getJSONStrings().map((s) => s.getJSONValue()) };
    }
    case "ENTRYPOINT":
      throw new Error(`${where}: this check expects CMD only`);
    default:
      throw new Error(`${where}: instruction not understood by this check`);
  }
}

function parseExecForm(text: string, where: string): string[] {
  try {
    const value = JSON.parse(text.trim()) as unknown;
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  } catch {}
  throw new Error(`${where}: use the exec (JSON array) form`);
}

/**
 * What dockerfile-utils' linter finds wrong (errors and warnings alike), one line each as
 * `Dockerfile:N message`; empty when the file is clean.
 */
export function lintDockerfile(text: string): string[] {
  return validate(text).map((d) => `Dockerfile:${d.range.start.line + 1} ${d.message}`);
}
