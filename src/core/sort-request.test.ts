import { describe, expect, it } from "vitest";
import { sortRequest } from "./sort-request.js";

const RPC = "/gitpod.v1.PrebuildService/GetWarmPool";

describe("sortRequest", () => {
  it.each([
    [RPC, "rpc", RPC],
    [`${RPC}?encoding=json&message=%7B%7D`, "rpc", RPC],
    ["/gitpod.v1.PrebuildService/NoSuchRpc", "rpc", "/gitpod.v1.PrebuildService/NoSuchRpc"],
    // Any gitpod.v1 path is the RPC pipeline's to answer, a bare 404 when it names no RPC.
    ["/gitpod.v1.PrebuildService%2FGetWarmPool", "rpc", "/gitpod.v1.PrebuildService%2FGetWarmPool"],
    ["/gitpod.v1.ProjectService/GetProject?x", "rpc", "/gitpod.v1.ProjectService/GetProject"],
    ["/_admin", "control", "/_admin"],
    ["/_admin/reset?x=1", "control", "/_admin/reset"],
    ["/_dashboard", "control", "/_dashboard"],
    ["/_dashboard/main.js", "control", "/_dashboard/main.js"],
    ["/_dashboard/%6Dain.js", "control", "/_dashboard/%6Dain.js"],
    ["/healthz", "health", "/healthz"],
    ["/healthz?probe=1", "health", "/healthz"],
    ["/", "other", "/"],
    ["/_adminx", "other", "/_adminx"],
    ["/healthz/", "other", "/healthz/"],
    ["*", "other", "/*"],
  ])("%s: %s at %s", (target, kind, path) => {
    expect(sortRequest(target)).toMatchObject({ kind, path });
  });

  // Letter case and escapes are other paths, as Go's ServeMux has it; they route nowhere.
  it.each([
    "/_ADMIN/world",
    "/_Admin",
    "/_DASHBOARD/main.js",
    "/_Dashboard/",
    "/%5Fadmin/world",
    "/%5fdashboard/",
    "/_admin%2Fworld",
    "/_dashboard%2Fmain.js",
    "/HEALTHZ",
    "/%68ealthz",
    "/GITPOD.V1.PREBUILDSERVICE/GetWarmPool",
    "/Gitpod.v1.PrebuildService/GetWarmPool",
  ])("%s is other", (target) => {
    expect(sortRequest(target).kind).toBe("other");
  });

  it.each([
    ["/x/../_admin/reset", "control", "/_admin/reset"],
    ["/./_admin/reset", "control", "/_admin/reset"],
    ["/x/%2e%2e/_admin/reset", "control", "/_admin/reset"],
    ["/x/%2E%2E/_dashboard/", "control", "/_dashboard/"],
    ["http://127.0.0.1/_admin/reset", "control", "/_admin/reset"],
    ["//evil/_admin/reset", "control", "/_admin/reset"],
    ["/\\_admin/reset", "other", "/reset"],
    ["\\_admin\\reset", "control", "/_admin/reset"],
    [`/gitpod.v1.PrebuildService/../_admin/reset`, "control", "/_admin/reset"],
    [`/_admin/../gitpod.v1.PrebuildService/GetWarmPool`, "rpc", RPC],
    ["/gitpod.v1.PrebuildService/x/../GetWarmPool", "rpc", RPC],
    ["/_dashboard/../healthz", "health", "/healthz"],
  ])("%s, read as a URL, is %s at %s", (target, kind, path) => {
    expect(sortRequest(target)).toMatchObject({ kind, path });
  });

  it("gives an ordinary target back unchanged", () => {
    for (const target of [RPC, "/_admin/journal?rpc=x", "/healthz"]) {
      expect(sortRequest(target).url).toBe(target);
    }
  });

  it("resolves dot segments and absolute forms, and keeps the query byte for byte", () => {
    expect(sortRequest("/x/../_admin/reset?a=%7B&b=\u00ff")).toEqual({
      kind: "control",
      path: "/_admin/reset",
      query: "a=%7B&b=\u00ff",
      url: "/_admin/reset?a=%7B&b=\u00ff",
    });
    expect(sortRequest("http://127.0.0.1:4010/healthz").url).toBe("/healthz");
    expect(sortRequest("/_admin/%2e%2e/healthz").url).toBe("/healthz");
  });

  it("reads its own reading the same way again", () => {
    for (const target of ["/x/../_admin/reset", "//evil/a/./b", "/%5Fadmin/../_admin"]) {
      const once = sortRequest(target);
      expect(sortRequest(once.url)).toEqual(once);
    }
  });
});
