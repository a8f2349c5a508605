import type { StagePlan, Step } from "./read-dockerfile.js";

/**
 * The Node release line every stage is built from: the active LTS line
 * (docs/decisions/docker-node-lts.md says why and when it moves).
 */
export const IMAGE_NODE_LINE = 26;

// The line's slim image, with or without its Debian release: node:26-slim, node:26-trixie-slim.
const SLIM_IMAGE = new RegExp(`^node:${IMAGE_NODE_LINE}(\\.\\d+)*-([a-z]+-)?slim$`);

/**
 * What a reviewer would check in the Dockerfile, before anything runs: every stage on a slim
 * image of the Node line, several stages, COPY --from naming an earlier stage, and a runtime
 * stage that runs as a non-root USER, listens on 0.0.0.0, EXPOSEs 4010, and has a CMD and a
 * HEALTHCHECK that needs no curl or wget. Throws an Error at the first rule broken.
 */
export function checkDockerfileRules(stages: readonly StagePlan[]): void {
  const names: string[] = [];
  for (const stage of stages) {
    if (!SLIM_IMAGE.test(stage.image)) {
      throw new Error(
        `Dockerfile:${stage.line} FROM: expected a node:${IMAGE_NODE_LINE} slim base image (the active LTS line), got ${stage.image}`,
      );
    }
    for (const step of stage.steps) {
      if (step.keyword === "COPY" && step.from !== undefined && !names.includes(step.from)) {
        throw new Error(`Dockerfile:${step.line} COPY: no stage named ${step.from}`);
      }
    }
    names.push(stage.name);
  }
  const runtime = stages.at(-1);
  if (!runtime || stages.length < 2) throw new Error("expected a multi-stage build");
  const last = <K extends Step["keyword"]>(keyword: K) =>
    runtime.steps.filter((s): s is Extract<Step, { keyword: K }> => s.keyword === keyword).at(-1);
  const user = last("USER")?.user;
  if (!user || ["root", "0"].includes(user)) {
    throw new Error("the runtime stage must run as a non-root USER");
  }
  const ports = runtime.steps.flatMap((s) => (s.keyword === "EXPOSE" ? s.ports : []));
  if (!ports.includes("4010")) throw new Error("the runtime stage must EXPOSE 4010");
  if (runtimeEnv(runtime).HOST !== "0.0.0.0") {
    throw new Error("the container must listen on 0.0.0.0");
  }
  const healthcheck = last("HEALTHCHECK")?.command;
  if (!healthcheck || !last("CMD")) throw new Error("HEALTHCHECK and CMD are required");
  if (/\b(curl|wget)\b/.test(healthcheck.join(" "))) {
    throw new Error("the health check must not need curl or wget");
  }
}

/** A stage's environment as its ENV steps leave it. */
export function runtimeEnv(stage: StagePlan): Record<string, string> {
  const env: Record<string, string> = {};
  for (const step of stage.steps) if (step.keyword === "ENV") Object.assign(env, step.vars);
  return env;
}
