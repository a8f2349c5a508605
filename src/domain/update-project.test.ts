import { describe, expect, it } from "vitest";
import { createTestContext } from "../../test/support/create-test-context.js";
import {
  EXISTING_POOL,
  GLOBEX_CLASS,
  GLOBEX_PROJECT,
  GPU,
  LARGE,
  LEGACY_NO_PREBUILDS,
  STANDARD,
  WEB_APP,
} from "../../test/support/fixtures.js";
import { createWarmPool } from "./create-warm-pool.js";
import { updateProject } from "./update-project.js";

type Ctx = ReturnType<typeof createTestContext>;
const alice = (ctx: Ctx) => ctx.store.defaultPrincipal;

describe("updateProject", () => {
  it("replaces the whole prebuild configuration, with the API's 1 hour when no timeout is given", () => {
    const ctx = createTestContext();
    const project = updateProject(ctx, alice(ctx), {
      projectId: LEGACY_NO_PREBUILDS.toUpperCase(),
      prebuildConfiguration: {
        enabled: true,
        environmentClassIds: [GPU, STANDARD.toUpperCase(), GPU],
      },
    });
    expect(project.prebuildConfiguration).toEqual({
      enabled: true,
      environmentClassIds: [GPU, STANDARD],
      timeoutSeconds: 3600,
    });
    expect(ctx.store.projects.get(LEGACY_NO_PREBUILDS)).toBe(project);
  });

  it("lets CreateWarmPool through once prebuilds are on for the class (the precondition flow)", () => {
    const ctx = createTestContext();
    const request = { projectId: LEGACY_NO_PREBUILDS, environmentClassId: STANDARD };
    expect(() => createWarmPool(ctx, alice(ctx), request)).toThrow(
      expect.objectContaining({ code: "failed_precondition" }),
    );
    updateProject(ctx, alice(ctx), {
      projectId: LEGACY_NO_PREBUILDS,
      prebuildConfiguration: { enabled: true, environmentClassIds: [STANDARD], timeout: "1800.5s" },
    });
    expect(ctx.store.projects.get(LEGACY_NO_PREBUILDS)?.prebuildConfiguration.timeoutSeconds).toBe(
      1800.5,
    );
    expect(createWarmPool(ctx, alice(ctx), request).projectId).toBe(LEGACY_NO_PREBUILDS);
  });

  it("renames, and leaves the configuration alone when the request has none", () => {
    const ctx = createTestContext();
    const before = ctx.store.projects.get(WEB_APP)?.prebuildConfiguration;
    const project = updateProject(ctx, alice(ctx), { projectId: WEB_APP, name: "acme/web" });
    expect(project.name).toBe("acme/web");
    expect(project.prebuildConfiguration).toEqual(before);
  });

  it("starts deleting the pools a new configuration leaves out, as the API does", () => {
    const ctx = createTestContext();
    updateProject(ctx, alice(ctx), {
      projectId: WEB_APP,
      prebuildConfiguration: { enabled: true, environmentClassIds: [STANDARD] },
    });
    const pool = ctx.store.getPool(EXISTING_POOL);
    expect(pool?.environmentClassId).toBe(LARGE);
    expect(pool?.spec.desiredPhase).toBe("WARM_POOL_PHASE_DELETING");
  });

  it.each([
    [{ initializer: {} }, "initializer"],
    [{ devcontainerFilePath: "" }, "devcontainer_file_path"],
    [{ automationsFilePath: ".ona/automations.yaml" }, "automations_file_path"],
    [{ technicalDescription: "x" }, "technical_description"],
    [{ recommendedEditors: {} }, "recommended_editors"],
    [{ prebuildConfiguration: { trigger: {} } }, "prebuild_configuration.trigger"],
    [{ prebuildConfiguration: { executor: {} } }, "prebuild_configuration.executor"],
    [
      { prebuildConfiguration: { enableJetbrainsWarmup: true } },
      "prebuild_configuration.enable_jetbrains_warmup",
    ],
  ])("refuses %j with unimplemented naming %s, and changes nothing", (fields, name) => {
    const ctx = createTestContext();
    const before = JSON.stringify(ctx.store.snapshot());
    expect(() =>
      updateProject(ctx, alice(ctx), { projectId: WEB_APP, name: "renamed", ...fields }),
    ).toThrow(
      expect.objectContaining({ code: "unimplemented", message: expect.stringContaining(name) }),
    );
    expect(JSON.stringify(ctx.store.snapshot())).toBe(before);
  });

  it("names every field it does not model at once", () => {
    const ctx = createTestContext();
    expect(() =>
      updateProject(ctx, alice(ctx), {
        projectId: WEB_APP,
        initializer: {},
        technicalDescription: "",
      }),
    ).toThrow(/initializer, technical_description of UpdateProjectRequest; leave them out/);
  });

  it.each([
    ["another organization's project", { projectId: GLOBEX_PROJECT }],
    [
      "another organization's class in the configuration",
      { projectId: WEB_APP, prebuildConfiguration: { environmentClassIds: [GLOBEX_CLASS] } },
    ],
  ])("answers not_found for %s, and changes nothing", (_what, request) => {
    const ctx = createTestContext();
    const before = JSON.stringify(ctx.store.snapshot());
    expect(() => updateProject(ctx, alice(ctx), request)).toThrow(
      expect.objectContaining({ code: "not_found" }),
    );
    expect(JSON.stringify(ctx.store.snapshot())).toBe(before);
  });
});
