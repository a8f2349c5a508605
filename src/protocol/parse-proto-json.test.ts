import { describe, expect, it } from "vitest";
import { loadContract } from "../contract/load-contract.js";
import { encodeProtoJson } from "./encode-proto-json.js";
import { parseProtoJson } from "./parse-proto-json.js";

const { messages } = loadContract();
const descriptor = (name: string) => {
  const d = messages.get(name);
  if (!d) throw new Error(name);
  return d;
};
const create = descriptor("CreateWarmPoolRequest");
const pool = descriptor("WarmPool");

describe("parseProtoJson", () => {
  it("accepts both name styles and numeric strings, and keeps present optional zeros", () => {
    expect(
      parseProtoJson(create, {
        project_id: "p",
        environmentClassId: "c",
        min_size: "0",
        maxSize: 3,
      }),
    ).toEqual({
      projectId: "p",
      environmentClassId: "c",
      minSize: 0,
      maxSize: 3,
    });
  });

  it("drops defaults of fields without presence, nulls and unknown fields", () => {
    expect(
      parseProtoJson(create, { projectId: "", desiredSize: 0, minSize: null, extra: [1] }),
    ).toEqual({});
  });

  it("accepts enum names and numbers, keeps numbers it cannot name, and rejects unknown names", () => {
    const status = descriptor("WarmPoolStatus");
    expect(parseProtoJson(status, { phase: 20 })).toEqual({ phase: "WARM_POOL_PHASE_READY" });
    expect(parseProtoJson(status, { phase: "WARM_POOL_PHASE_DELETING" })).toEqual({
      phase: "WARM_POOL_PHASE_DELETING",
    });
    expect(parseProtoJson(status, { phase: 0 })).toEqual({});
    // Enums are open: enum.defined_only, not decoding, refuses a number the enum lacks.
    expect(parseProtoJson(status, { phase: 2 })).toEqual({ phase: 2 });
    expect(() => parseProtoJson(status, { phase: "READY" })).toThrow(
      /invalid value for enum field phase/,
    );
    expect(() => parseProtoJson(status, { phase: 2 ** 31 })).toThrow(/enum field phase/);
  });

  it("refuses a second field of a oneof, and keeps a oneof field's zero value", () => {
    const spec = descriptor("EnvironmentInitializerSpec");
    expect(() => parseProtoJson(spec, { git: {}, context_url: {} })).toThrow(
      /oneof spec is already set by git/,
    );
    expect(parseProtoJson(spec, { git: null, contextUrl: {} })).toEqual({ contextUrl: {} });
    const projectClass = descriptor("ProjectEnvironmentClass");
    expect(parseProtoJson(projectClass, { localRunner: false })).toEqual({ localRunner: false });
  });

  it("reads maps of messages, and refuses null values and non-objects", () => {
    const editors = descriptor("RecommendedEditors");
    expect(parseProtoJson(editors, { editors: { code: { versions: ["1.2"] }, vim: {} } })).toEqual({
      editors: { code: { versions: ["1.2"] }, vim: {} },
    });
    expect(parseProtoJson(editors, { editors: {} })).toEqual({});
    expect(() => parseProtoJson(editors, { editors: { code: null } })).toThrow(/null/);
    expect(() => parseProtoJson(editors, { editors: [] })).toThrow(/expected a JSON object/);
  });

  it("reads Durations into one canonical spelling", () => {
    const config = descriptor("ProjectPrebuildConfiguration");
    const timeout = (t: unknown) => parseProtoJson(config, { timeout: t }).timeout;
    expect(timeout("3600s")).toBe("3600s");
    expect(timeout("0300.500000000s")).toBe("300.5s");
    expect(timeout("-0.000000001s")).toBe("-0.000000001s");
    expect(timeout("-0s")).toBe("0s");
    for (const bad of ["3600", "1.5m", "1.0000000001s", " 1s", "315576000001s", 3600]) {
      expect(() => timeout(bad), String(bad)).toThrow(/duration field timeout/);
    }
  });

  it("reads int64 and bytes in their JSON spellings", () => {
    const status = descriptor("PrebuildStatus");
    expect(parseProtoJson(status, { snapshotSizeBytes: -5 })).toEqual({ snapshotSizeBytes: "-5" });
    expect(parseProtoJson(status, { snapshotSizeBytes: "9223372036854775807" })).toEqual({
      snapshotSizeBytes: "9223372036854775807",
    });
    expect(() => parseProtoJson(status, { snapshotSizeBytes: "9223372036854775808" })).toThrow(
      /int64/,
    );
    const runner = descriptor("RunnerStatus");
    expect(parseProtoJson(runner, { publicKey: "-_8" })).toEqual({ publicKey: "+/8=" });
    expect(() => parseProtoJson(runner, { publicKey: "a" })).toThrow(/bytes/);
  });

  it("accepts uint64 as numbers or strings and normalises them", () => {
    const spec = descriptor("WarmPoolSpec");
    expect(parseProtoJson(spec, { specVersion: 7 })).toEqual({ specVersion: "7" });
    expect(parseProtoJson(spec, { spec_version: "0018446744073709551615" })).toEqual({
      specVersion: "18446744073709551615",
    });
    expect(() => parseProtoJson(spec, { specVersion: "18446744073709551616" })).toThrow(/uint64/);
    expect(() => parseProtoJson(spec, { specVersion: -1 })).toThrow(/uint64/);
  });

  it("reads RFC 3339 timestamps with offsets and writes them in UTC", () => {
    const metadata = descriptor("WarmPoolMetadata");
    expect(parseProtoJson(metadata, { createdAt: "2026-01-02T03:04:05.5+02:00" })).toEqual({
      createdAt: "2026-01-02T01:04:05.500Z",
    });
    expect(() => parseProtoJson(metadata, { createdAt: "2026-02-30T00:00:00Z" })).toThrow(
      /timestamp/,
    );
  });

  it("rejects int32 values that are not whole or out of range", () => {
    for (const bad of [1.5, "1.5", "abc", 2 ** 31, true, [], {}]) {
      expect(() => parseProtoJson(create, { minSize: bad }), String(bad)).toThrow(
        /int32 field minSize/,
      );
    }
    expect(parseProtoJson(create, { minSize: "-3" })).toEqual({ minSize: -3 });
    expect(parseProtoJson(create, { minSize: 4.0 })).toEqual({ minSize: 4 });
  });

  it("names the request type and the nested path in errors", () => {
    const list = descriptor("ListWarmPoolsRequest");
    expect(() => parseProtoJson(list, { filter: { projectIds: [1] } })).toThrow(
      "unmarshal into gitpod.v1.ListWarmPoolsRequest: invalid value for string field filter.projectIds[0]: 1",
    );
  });
});

describe("encodeProtoJson", () => {
  it("omits defaults without presence, keeps optional zeros, writes uint64 and timestamps as strings", () => {
    const out = encodeProtoJson(pool, {
      id: "x",
      metadata: {
        organizationId: "o",
        projectId: "",
        createdAt: 0,
        updatedAt: Date.UTC(2026, 0, 1, 0, 0, 0, 5),
      },
      spec: {
        specVersion: 3,
        desiredSize: 0,
        minSize: 0,
        maxSize: 2,
        desiredPhase: "WARM_POOL_PHASE_READY",
      },
      status: {
        phase: "WARM_POOL_PHASE_UNSPECIFIED",
        statusVersion: 0,
        runningInstances: 0,
        failureMessage: "",
      },
    });
    expect(JSON.parse(out)).toEqual({
      id: "x",
      metadata: {
        organizationId: "o",
        createdAt: "1970-01-01T00:00:00.000Z",
        updatedAt: "2026-01-01T00:00:00.005Z",
      },
      spec: { specVersion: "3", desiredPhase: "WARM_POOL_PHASE_READY", minSize: 0, maxSize: 2 },
      status: {},
    });
  });

  it("writes fields in proto field order", () => {
    const out = encodeProtoJson(descriptor("WarmPoolSpec"), {
      maxSize: 2,
      minSize: 1,
      specVersion: 1,
    });
    expect(Object.keys(JSON.parse(out))).toEqual(["specVersion", "minSize", "maxSize"]);
  });
});
