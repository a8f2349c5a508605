import { describe, expect, it } from "vitest";
import { canonicalTarget, sortTarget } from "./sort-target.js";

const RPC = "/gitpod.v1.PrebuildService/GetWarmPool";

describe("sortTarget", () => {
  it.each([
    [RPC, "rpc"],
    [`${RPC}?encoding=json&message=%7B%7D`, "rpc"],
    ["/gitpod.v1.PrebuildService/NoSuchRpc", "rpc"],
    // Any gitpod.v1 path is the RPC handler's to answer, a bare 404 when it names no RPC.
    ["/gitpod.v1.PrebuildService%2FGetWarmPool", "rpc"],
    ["/gitpod.v1.ProjectService/GetProject", "rpc"],
    ["/_admin", "admin"],
    ["/_admin/world?x=1", "admin"],
    ["/_dashboard", "dashboard"],
    ["/_dashboard/main.js", "dashboard"],
    ["/_dashboard/%6Dain.js", "dashboard"],
    ["/healthz", "health"],
    ["/healthz?probe=1", "health"],
    ["/", "other"],
    ["/_adminx", "other"],
    ["/healthz/", "other"],
  ])("%s is %s", (target, kind) => {
    expect(sortTarget(target)).toBe(kind);
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
    expect(sortTarget(target)).toBe("other");
  });

  it.each([
    ["/x/../_admin/reset", "admin"],
    ["/./_admin/reset", "admin"],
    ["/x/%2e%2e/_admin/reset", "admin"],
    ["/x/%2E%2E/_dashboard/", "dashboard"],
    ["http://127.0.0.1/_admin/reset", "admin"],
    ["//evil/_admin/reset", "admin"],
    ["/\\_admin/reset", "other"],
    ["\\_admin\\reset", "admin"],
    [`/gitpod.v1.PrebuildService/../_admin/reset`, "admin"],
    [`/_admin/../gitpod.v1.PrebuildService/GetWarmPool`, "rpc"],
    ["/_dashboard/../healthz", "health"],
  ])("%s, read as a URL, is %s", (target, kind) => {
    expect(sortTarget(target)).toBe(kind);
  });
});

describe("canonicalTarget", () => {
  it("returns an ordinary target unchanged", () => {
    for (const target of [RPC, "/_admin/world?rpc=x", "/healthz"]) {
      expect(canonicalTarget(target)).toBe(target);
    }
  });

  it("resolves dot segments and absolute forms, and keeps the query byte for byte", () => {
    expect(canonicalTarget("/x/../_admin/reset?a=%7B&b=\u00ff")).toBe(
      "/_admin/reset?a=%7B&b=\u00ff",
    );
    expect(canonicalTarget("http://127.0.0.1:4010/healthz")).toBe("/healthz");
    expect(canonicalTarget("/_admin/%2e%2e/healthz")).toBe("/healthz");
  });

  it("is idempotent", () => {
    for (const target of ["/x/../_admin/reset", "//evil/a/./b", "/%5Fadmin/../_admin"]) {
      const once = canonicalTarget(target);
      expect(canonicalTarget(once)).toBe(once);
    }
  });
});
