// The Dockerfile as a reviewer and a build would see it, without a Docker engine. The default
// run reads, lints and holds the real file to its rules, and replays small Dockerfiles for each
// way the replay fails. The real file's full replay (two `npm ci`, the build, the container
// run) is `npm run docker:check`, which CI runs (.ci/run).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkDockerfile, createIgnore } from "../../scripts/check-dockerfile.js";
import {
  checkDockerfileRules,
  IMAGE_NODE_LINE,
} from "../../scripts/dockerfile/check-dockerfile-rules.js";
import { lintDockerfile, readDockerfile } from "../../scripts/dockerfile/read-dockerfile.js";
import { findPackageRoot } from "../../src/package-root.js";

const REAL = readFileSync(join(findPackageRoot(), "Dockerfile"), "utf8");

/** A Dockerfile that keeps every rule, with extra steps in its build and runtime stages. */
function skeleton(runtimeSteps: string[] = [], buildSteps: string[] = []): string {
  return [
    `FROM node:${IMAGE_NODE_LINE}-slim AS build`,
    ...buildSteps,
    `FROM node:${IMAGE_NODE_LINE}-slim AS runtime`,
    "ENV HOST=0.0.0.0",
    "WORKDIR /app",
    ...runtimeSteps,
    "USER node",
    "EXPOSE 4010",
    'HEALTHCHECK CMD ["node", "-e", "0"]',
    'CMD ["node", "dist/cli/warm-pool-mock.js"]',
    "",
  ].join("\n");
}

function withContext(dockerfile: string, files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "wpm-ctx-"));
  writeFileSync(join(dir, "Dockerfile"), dockerfile);
  writeFileSync(join(dir, ".dockerignore"), "node_modules\n");
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Each Dockerfile fails the check with a message containing its expected text. */
async function expectCheckToFail(cases: readonly [dockerfile: string, message: string][]) {
  for (const [dockerfile, message] of cases) {
    const ctx = withContext(dockerfile);
    try {
      await expect(
        checkDockerfile(ctx.dir, () => {}),
        dockerfile,
      ).rejects.toThrow(message);
    } finally {
      ctx.done();
    }
  }
}

describe("the Dockerfile, read with dockerfile-ast", () => {
  it("has a build and a runtime stage on the Node line's slim image, lints clean, keeps the rules", () => {
    const stages = readDockerfile(REAL);
    expect(stages.map((s) => [s.name, s.image])).toEqual([
      ["build", `node:${IMAGE_NODE_LINE}-trixie-slim`],
      ["runtime", `node:${IMAGE_NODE_LINE}-trixie-slim`],
    ]);
    expect(lintDockerfile(REAL)).toEqual([]);
    expect(() => checkDockerfileRules(stages)).not.toThrow();
    const runtime = stages[1]?.steps ?? [];
    expect(runtime).toContainEqual(expect.objectContaining({ keyword: "USER", user: "node" }));
    expect(runtime).toContainEqual(
      expect.objectContaining({ keyword: "CMD", command: ["node", "dist/cli/warm-pool-mock.js"] }),
    );
    expect(runtime).toContainEqual(
      expect.objectContaining({
        keyword: "ENV",
        vars: { NODE_ENV: "production", HOST: "0.0.0.0", PORT: "4010", LOG_FORMAT: "json" },
      }),
    );
    const check = runtime.find((s) => s.keyword === "HEALTHCHECK");
    expect(check).toMatchObject({ command: ["node", "-e", expect.stringContaining("/healthz")] });
  });

  it("reads continuations, escapes, flags and exec forms as Docker does", () => {
    const [stage] = readDockerfile(
      [
        "# syntax=docker/dockerfile:1",
        "FROM a AS b",
        "ENV A=1 \\",
        '    B="two words"',
        'RUN echo "x  y" \\',
        "   && true",
        "COPY --chown=node --from=x /src ./dest/",
        'HEALTHCHECK --interval=1s --retries=3 CMD ["node", "-e", "a  b"]',
        'CMD ["node", "app.js"]',
      ].join("\n"),
    );
    expect(stage?.steps).toEqual([
      { keyword: "ENV", line: 3, vars: { A: "1", B: "two words" } },
      { keyword: "RUN", line: 5, command: 'echo "x  y"    && true' },
      { keyword: "COPY", line: 7, from: "x", sources: ["/src"], dest: "./dest/" },
      { keyword: "HEALTHCHECK", line: 8, command: ["node", "-e", "a  b"] },
      { keyword: "CMD", line: 9, command: ["node", "app.js"] },
    ]);
  });

  it("reads .dockerignore patterns", () => {
    const ignored = createIgnore("node_modules\n*.log\n/dist\n");
    expect(ignored("node_modules/x/index.js")).toBe(true);
    expect(ignored("debug.log")).toBe(true);
    expect(ignored("dist/cli/warm-pool-mock.js")).toBe(true);
    expect(ignored("src/cli.ts")).toBe(false);
  });
});

describe("what fails before anything runs", () => {
  it("a rule broken: root user, one stage, no EXPOSE 4010, not on 0.0.0.0, curl, unknown stage", async () => {
    await expectCheckToFail([
      [skeleton().replace("USER node", "USER root"), "non-root USER"],
      [skeleton().replace("USER node", "USER 0"), "non-root USER"],
      [`FROM node:${IMAGE_NODE_LINE}-slim\nUSER node\n`, "multi-stage"],
      [skeleton().replace("EXPOSE 4010", "EXPOSE 8080"), "must EXPOSE 4010"],
      [skeleton().replace("ENV HOST=0.0.0.0", "ENV HOST=127.0.0.1"), "listen on 0.0.0.0"],
      [
        skeleton().replace(
          'HEALTHCHECK CMD ["node", "-e", "0"]',
          'HEALTHCHECK CMD ["curl", "-f", "x"]',
        ),
        "must not need curl or wget",
      ],
      [skeleton(["COPY --from=nope /x ./"]), "Dockerfile:5 COPY: no stage named nope"],
      [skeleton().replace(/^HEALTHCHECK.*$/m, ""), "HEALTHCHECK and CMD are required"],
    ]);
  });

  // Node 20 reached its end of life in April 2026: a stage on it, or on any other line, fails.
  it("a base image outside the image's Node line, or not slim", async () => {
    expect(REAL).toMatch(new RegExp(`^FROM node:${IMAGE_NODE_LINE}-trixie-slim AS runtime$`, "m"));
    await expectCheckToFail([
      [
        skeleton().replace(/^FROM \S+ AS build/m, "FROM node:20-bookworm-slim AS build"),
        "got node:20-bookworm-slim",
      ],
      [
        skeleton().replace(/^FROM \S+ AS runtime/m, "FROM node:24-slim AS runtime"),
        "got node:24-slim",
      ],
      [
        skeleton().replace(/^FROM \S+ AS build/m, `FROM node:${IMAGE_NODE_LINE}-trixie AS build`),
        `expected a node:${IMAGE_NODE_LINE} slim base image`,
      ],
      [
        skeleton().replace(/^FROM \S+ AS build/m, "FROM node:260-slim AS build"),
        "got node:260-slim",
      ],
    ]);
  });

  it("what the replay cannot do: ENTRYPOINT, shell-form CMD, an instruction before FROM", async () => {
    await expectCheckToFail([
      [skeleton(['ENTRYPOINT ["node"]']), "this check expects CMD only"],
      [
        skeleton().replace(/^CMD .*$/m, "CMD node dist/cli/warm-pool-mock.js"),
        "use the exec (JSON array) form",
      ],
      [`RUN true\n${skeleton()}`, "Dockerfile:1 RUN: before any FROM"],
      [skeleton(["ADD x.tgz /"]), "instruction not understood by this check"],
    ]);
  });

  it("what dockerfile-utils' linter finds: two CMDs in a stage, a relative WORKDIR, a bad port", async () => {
    // The CMD that has no effect is the one flagged.
    expect(lintDockerfile(`${skeleton()}CMD ["node", "x.js"]\n`)).toEqual([
      expect.stringMatching(/^Dockerfile:8 There can only be one CMD instruction/),
    ]);
    await expectCheckToFail([
      [skeleton().replace("WORKDIR /app", "WORKDIR app"), "WORKDIR paths should be absolute"],
      [skeleton().replace("EXPOSE 4010", "EXPOSE 4010 abc"), "Invalid containerPort: abc"],
    ]);
  });
});

/** Runs `fn` with npm's cache (which the replay copies for its RUN steps) at `cache`. */
async function withNpmCache(cache: string, fn: () => Promise<void>): Promise<void> {
  const saved = process.env.npm_config_cache;
  process.env.npm_config_cache = cache;
  try {
    await fn();
  } finally {
    if (saved === undefined) delete process.env.npm_config_cache;
    else process.env.npm_config_cache = saved;
  }
}

describe("what fails in the replay", () => {
  it("a COPY source the context lacks, and a failing RUN", async () => {
    // An empty cache: copying the developer's would cost more than the RUN itself.
    await withNpmCache(mkdtempSync(join(tmpdir(), "wpm-npm-cache-")), () =>
      expectCheckToFail([
        [skeleton(["COPY missing.txt ./"]), "missing.txt does not exist in the build context"],
        [skeleton([], ["RUN exit 3"]), "Dockerfile:2 RUN failed (3)"],
      ]),
    );
  });

  it("replays on a given node only when it is of the image's line", async () => {
    // A stand-in binary that answers --version the way a Node 24 would.
    const ctx = withContext(skeleton(), { "node24/node": "#!/bin/sh\necho v24.1.0\n" });
    const fake = join(ctx.dir, "node24", "node");
    chmodSync(fake, 0o755);
    try {
      await expect(checkDockerfile(ctx.dir, () => {}, { node: fake })).rejects.toThrow(
        `must be a node ${IMAGE_NODE_LINE}.x binary; it answered "v24.1.0"`,
      );
    } finally {
      ctx.done();
    }
  });

  // The image cleans its npm cache; replayed, that must not empty the developer's cache.
  it("runs RUN steps on a private copy of the npm cache", async () => {
    const cache = mkdtempSync(join(tmpdir(), "wpm-npm-cache-"));
    const content = join(cache, "_cacache", "content-v2", "sha512", "ab", "cd");
    mkdirSync(content, { recursive: true });
    writeFileSync(join(content, "ef"), "cached tarball");
    const ctx = withContext(
      skeleton(
        [],
        [
          'RUN npm cache clean --force && test -z "$(ls -A "$npm_config_cache/_cacache" 2>/dev/null)"',
          "RUN exit 7",
        ],
      ),
    );
    try {
      await withNpmCache(cache, async () => {
        // The first RUN passes (its cache is emptied); the second stops the replay.
        await expect(checkDockerfile(ctx.dir, () => {})).rejects.toThrow("RUN failed (7)");
      });
      expect(readFileSync(join(content, "ef"), "utf8")).toBe("cached tarball");
    } finally {
      ctx.done();
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it("a bundle that loads a package that is no production dependency", async () => {
    const ctx = withContext(skeleton(["COPY package.json ./", "COPY dist ./dist"]), {
      "package.json": JSON.stringify({ dependencies: { pino: "*" } }),
      // What an esbuild bundle keeps for node_modules: a built-in, a dependency, and one more.
      "dist/cli/warm-pool-mock.js":
        'const a = __require("node:http"), b = __require("pino"), c = __require("left-pad");',
    });
    try {
      await expect(checkDockerfile(ctx.dir, () => {})).rejects.toThrow(
        "imported at run time but not in dependencies: left-pad (dist/cli/warm-pool-mock.js)",
      );
    } finally {
      ctx.done();
    }
  });
});
