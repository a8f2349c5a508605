import type { HarnessResult } from "../run-harness.js";

const SUITE = "warm-pool-contract";

/** Renders a run as JUnit XML, one testcase per case, grouped by the name's prefix. */
export function renderJunitReport(result: HarnessResult): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  // A failed cleanup is reported as one more failing testcase.
  const extra = result.cleanup.failed.length > 0 ? 1 : 0;
  const counts = `tests="${result.summary.total + extra}" failures="${result.summary.failed + extra}" skipped="${result.summary.skipped}" time="${seconds(result.durationMs)}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${SUITE}" ${counts}>`,
    `  <testsuite name="${SUITE}" ${counts} errors="0" timestamp="${result.startedAt}">`,
    `    <properties><property name="baseUrl" value="${escapeXml(result.baseUrl)}"/></properties>`,
  ];
  for (const c of result.cases) {
    const group = c.name.split(".")[0] ?? c.name;
    const open = `    <testcase classname="${SUITE}.${escapeXml(group)}" name="${escapeXml(c.name)}" time="${seconds(c.durationMs)}"`;
    // JUnit has no warning element; CI systems show a testcase's system-out beside it.
    const out = c.warnings?.length
      ? [
          `      <system-out>${escapeXml(c.warnings.map((w) => `warning: ${w}`).join("\n"))}</system-out>`,
        ]
      : [];
    if (c.status === "passed") {
      lines.push(...(out.length > 0 ? [`${open}>`, ...out, "    </testcase>"] : [`${open}/>`]));
    } else if (c.status === "skipped") {
      lines.push(
        `${open}>`,
        `      <skipped message="${escapeXml(c.skipReason ?? "")}"/>`,
        ...out,
        "    </testcase>",
      );
    } else {
      const f = c.failure;
      const text = [
        `rule: ${c.rule}`,
        `check: ${f?.check ?? ""}`,
        `expected: ${f?.expected ?? ""}`,
        `actual: ${f?.actual ?? ""}`,
        ...(f?.alsoBroken ?? []).map(
          (also) => `also: ${also.check}: expected ${also.expected}, got ${also.actual}`,
        ),
        ...(f?.response ? [`response: HTTP ${f.response.status} ${f.response.body}`] : []),
        ...(f?.curl ? [`reproduce: ${f.curl}`] : []),
      ].join("\n");
      lines.push(
        `${open}>`,
        `      <failure message="${escapeXml(f?.check ?? c.rule)}" type="ContractViolation">${escapeXml(text)}</failure>`,
        ...out,
        "    </testcase>",
      );
    }
  }
  if (result.cleanup.failed.length > 0) {
    const text = result.cleanup.failed.map((p) => `${p.id}: ${p.reason}`).join("\n");
    lines.push(
      `    <testcase classname="${SUITE}.cleanup" name="cleanup" time="0">`,
      `      <failure message="pools created by the run were left behind" type="CleanupFailure">${escapeXml(text)}</failure>`,
      "    </testcase>",
    );
  }
  lines.push("  </testsuite>", "</testsuites>", "");
  return lines.join("\n");
}

/** Escapes text for XML attributes and content, dropping characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}
