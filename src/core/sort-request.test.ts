import { describe, expect, it } from "vitest";
import { sortRequest } from "./sort-request.js";

describe("sortRequest", () => {
  it.each([
    ["/_admin", "control", "/_admin"],
    ["/_admin/reset?x=1", "control", "/_admin/reset"],
    ["/_dashboard/", "control", "/_dashboard/"],
    ["/_adminx", "other", "/_adminx"],
    ["/gitpod.v1.PrebuildService/GetWarmPool", "rpc", "/gitpod.v1.PrebuildService/GetWarmPool"],
    ["/gitpod.v1.ProjectService/GetProject?x", "rpc", "/gitpod.v1.ProjectService/GetProject"],
    ["/healthz", "health", "/healthz"],
    ["/healthz/", "other", "/healthz/"],
    ["/x/../_admin/reset", "control", "/_admin/reset"],
    ["/./_admin/reset", "control", "/_admin/reset"],
    ["/%5Fadmin/reset", "other", "/%5Fadmin/reset"],
    ["/x/%2e%2e/_admin/reset", "control", "/_admin/reset"],
    ["/x/%2E%2E/_dashboard/main.js", "control", "/_dashboard/main.js"],
    ["http://127.0.0.1/_admin/reset", "control", "/_admin/reset"],
    ["//evil/_admin/reset", "control", "/_admin/reset"],
    ["/x\\..\\_admin\\reset", "control", "/_admin/reset"],
    ["/gitpod.v1.PrebuildService/../_admin/reset", "control", "/_admin/reset"],
    [
      "/gitpod.v1.PrebuildService/x/../GetWarmPool",
      "rpc",
      "/gitpod.v1.PrebuildService/GetWarmPool",
    ],
    // Case matters on every side: no other spelling is the control plane, or served at all.
    ["/_DASHBOARD/main.js", "other", "/_DASHBOARD/main.js"],
    ["/_Admin/reset", "other", "/_Admin/reset"],
    ["/HEALTHZ", "other", "/HEALTHZ"],
    ["/GITPOD.V1.PrebuildService/GetWarmPool", "other", "/GITPOD.V1.PrebuildService/GetWarmPool"],
    ["*", "other", "/*"],
  ])("%s: %s at %s", (target, kind, path) => {
    expect(sortRequest(target)).toMatchObject({ kind, path });
  });

  it("keeps the query for whoever reads it next", () => {
    expect(sortRequest("/_admin/journal?rpc=GetWarmPool&limit=2")).toEqual({
      kind: "control",
      path: "/_admin/journal",
      query: "rpc=GetWarmPool&limit=2",
    });
  });
});
