import { describe, expect, it } from "vitest";
import type { HarnessResult } from "../run-harness.js";
import { escapeXml, renderJunitReport } from "./junit-report.js";

const result: HarnessResult = {
  baseUrl: "http://127.0.0.1:4010",
  startedAt: "2026-01-01T00:00:00.000Z",
  durationMs: 1234,
  cases: [
    {
      name: "create.echoes-request",
      rule: "r1",
      status: "passed",
      durationMs: 12,
      warnings: ['GetWarmPool HTTP 200: /warmPool has unexpected property "x"'],
    },
    {
      name: "list.filter-project",
      rule: "r2",
      status: "failed",
      durationMs: 5,
      failure: { check: 'a <b> & "c"', expected: "x", actual: "y\u0000z", curl: "curl -d '{}'" },
    },
    {
      name: "isolation.foreign",
      rule: "r3",
      status: "skipped",
      durationMs: 0,
      skipReason: "no --foreign-token given",
    },
  ],
  cleanup: { deleted: [], failed: [{ id: "p1", reason: "still present" }] },
  summary: { total: 3, passed: 1, failed: 1, skipped: 1, warnings: 1 },
  ok: false,
};

describe("renderJunitReport", () => {
  const xml = renderJunitReport(result);

  it("writes one testcase per case, grouped by the name's prefix, plus one for a failed cleanup", () => {
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toContain('classname="warm-pool-contract.list" name="list.filter-project"');
    expect(xml).toContain('tests="4" failures="2" skipped="1" time="1.234"');
    expect(xml).toContain('<skipped message="no --foreign-token given"/>');
    expect(xml).toContain('name="cleanup"');
  });

  it("carries a case's warnings in its system-out, without failing it", () => {
    expect(xml).toContain(
      'name="create.echoes-request" time="0.012">\n      <system-out>warning: GetWarmPool HTTP 200: /warmPool has unexpected property &quot;x&quot;</system-out>',
    );
  });

  it("escapes markup and drops characters XML cannot carry", () => {
    expect(xml).toContain('message="a &lt;b&gt; &amp; &quot;c&quot;"');
    expect(xml).toContain("actual: yz");
    expect(xml).toContain("reproduce: curl -d &apos;{}&apos;");
    expect(escapeXml("\u0007ok")).toBe("ok");
  });
});
