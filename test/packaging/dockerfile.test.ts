import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  checkDockerfile,
  createIgnore,
  IMAGE_NODE_LINE,
  parseDockerfile,
} from "../../scripts/check-dockerfile.js";
import { findPackageRoot } from "../../src/package-root.js";

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

describe("Dockerfile", () => {
  // The real thing: both stages' steps in a clean folder, then CMD, HEALTHCHECK and SIGTERM.
  it("builds, starts and passes its health check when its steps run without Docker", async () => {
    const steps: string[] = [];
    await checkDockerfile(findPackageRoot(), (line) => steps.push(line));
    expect(steps).toEqual(
      expect.arrayContaining([
        "  runtime imports are all production dependencies",
        "  HEALTHCHECK passed",
        "  GetWarmPool answered from the default world",
        "  loaded on first use: violations detail, admin API",
        "  dashboard served at /_dashboard/",
        "  SIGTERM: clean exit",
      ]),
    );
  }, 240_000);

  it("fails the check on a COPY source the context lacks", async () => {
    const ctx = withContext("FROM node:26-slim AS a\nCOPY missing.txt ./\n");
    try {
      await expect(checkDockerfile(ctx.dir, () => {})).rejects.toThrow(
        "missing.txt does not exist in the build context",
      );
    } finally {
      ctx.done();
    }
  });

  it("fails the check on a failing RUN, a root user or a single stage", async () => {
    const cases: [string, string][] = [
      ["FROM node:26-slim AS a\nRUN exit 3\n", "RUN failed (3)"],
      ["FROM node:26-slim AS a\nFROM node:26-slim AS b\nUSER root\nEXPOSE 4010\n", "non-root USER"],
      ["FROM node:26-slim\nUSER node\n", "multi-stage"],
      ["FROM node:26-slim AS a\nCOPY --from=nope /x ./\n", "no stage named nope"],
    ];
    await expectCheckToFail(cases);
  });

  // Node 20 reached its end of life in April 2026: a stage on it, or on any other line, fails.
  it("fails the check on a base image outside the image's Node line, or not slim", async () => {
    expect(readFileSync(join(findPackageRoot(), "Dockerfile"), "utf8")).toMatch(
      new RegExp(`^FROM node:${IMAGE_NODE_LINE}-trixie-slim AS runtime$`, "m"),
    );
    const cases: [string, string][] = [
      ["FROM node:20-bookworm-slim AS a\n", "got node:20-bookworm-slim"],
      ["FROM node:26-slim AS a\nFROM node:24-slim AS b\n", "got node:24-slim"],
      ["FROM node:26-trixie AS a\n", "expected a node:26 slim base image"],
      ["FROM node:260-slim AS a\n", "got node:260-slim"],
    ];
    await expectCheckToFail(cases);
  });

  it("replays on a given node only when it is of the image's line", async () => {
    // A stand-in binary that answers --version the way a Node 24 would.
    const ctx = withContext("FROM node:26-slim AS a\n", {
      "node24/node": "#!/bin/sh\necho v24.1.0\n",
    });
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
      'FROM node:26-slim AS a\nRUN npm cache clean --force && test -z "$(ls -A "$npm_config_cache/_cacache" 2>/dev/null)"\n',
    );
    const saved = process.env.npm_config_cache;
    process.env.npm_config_cache = cache;
    try {
      // The RUN step passes (its cache is emptied), then the check stops at the single stage.
      await expect(checkDockerfile(ctx.dir, () => {})).rejects.toThrow("multi-stage");
      expect(readFileSync(join(content, "ef"), "utf8")).toBe("cached tarball");
    } finally {
      if (saved === undefined) delete process.env.npm_config_cache;
      else process.env.npm_config_cache = saved;
      ctx.done();
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it("fails the check when the bundle loads a package that is no production dependency", async () => {
    const dockerfile = [
      "FROM node:26-slim AS build",
      "FROM node:26-slim AS runtime",
      "ENV HOST=0.0.0.0",
      "WORKDIR /app",
      "COPY package.json ./",
      "COPY dist ./dist",
      "USER node",
      "EXPOSE 4010",
      'HEALTHCHECK CMD ["node", "-e", "0"]',
      'CMD ["node", "dist/cli/warm-pool-mock.js"]',
    ].join("\n");
    const ctx = withContext(dockerfile, {
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

  it("reads instructions with continuations and .dockerignore patterns", () => {
    expect(parseDockerfile("# c\nFROM a AS b\nENV A=1 \\\n    B=2\n")).toEqual([
      { keyword: "FROM", args: "a AS b", line: 2 },
      { keyword: "ENV", args: "A=1 B=2", line: 3 },
    ]);
    const ignored = createIgnore("node_modules\n*.log\n/dist\n");
    expect(ignored("node_modules/x/index.js")).toBe(true);
    expect(ignored("debug.log")).toBe(true);
    expect(ignored("dist/cli/warm-pool-mock.js")).toBe(true);
    expect(ignored("src/cli.ts")).toBe(false);
  });
});

/** Each Dockerfile fails the check with a message containing its expected text. */
async function expectCheckToFail(cases: readonly [dockerfile: string, message: string][]) {
  for (const [dockerfile, message] of cases) {
    const ctx = withContext(dockerfile);
    try {
      await expect(checkDockerfile(ctx.dir, () => {})).rejects.toThrow(message);
    } finally {
      ctx.done();
    }
  }
}
