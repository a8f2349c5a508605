import { describe, expect, it } from "vitest";
import { targetsControlPlane } from "./control-plane-paths.js";

describe("targetsControlPlane", () => {
  it.each([
    ["/_admin", true],
    ["/_admin/reset?x=1", true],
    ["/_dashboard/", true],
    ["/_adminx", false],
    ["/gitpod.v1.PrebuildService/GetWarmPool", false],
    ["/healthz", false],
    ["/x/../_admin/reset", true],
    ["/./_admin/reset", true],
    ["/%5Fadmin/reset", false],
    ["/_ADMIN/reset", false],
    ["/_DASHBOARD/main.js", false],
    ["/x/%2e%2e/_admin/reset", true],
    ["http://127.0.0.1/_admin/reset", true],
    ["//evil/_admin/reset", true],
  ])("%s: %s", (target, control) => {
    expect(targetsControlPlane(target)).toBe(control);
  });
});
