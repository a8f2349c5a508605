import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { renderCurl } from "./render-curl.js";

// Lets the shell parse a rendered line and print the words curl would receive.
function shellWords(line: string, env: Record<string, string> = {}): string[] {
  const script = `printf '%s\\n' ${line.replace(/^curl /, "")}`;
  return execFileSync("sh", ["-c", script], { env: { ...process.env, ...env } })
    .toString()
    .trimEnd()
    .split("\n");
}

describe("renderCurl", () => {
  it("quotes the body and headers so the shell hands curl exactly what was sent", () => {
    const body = `{"message":"it's \\"quoted\\" $HOME \`x\`"}`;
    const line = renderCurl({
      method: "POST",
      url: "http://127.0.0.1:4010/gitpod.v1.PrebuildService/GetWarmPool?token=a&pageSize=1",
      headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
      body,
    });
    expect(line.startsWith("curl -sS -i -X POST ")).toBe(true);
    expect(shellWords(line)).toEqual([
      "-sS",
      "-i",
      "-X",
      "POST",
      "http://127.0.0.1:4010/gitpod.v1.PrebuildService/GetWarmPool?token=a&pageSize=1",
      "-H",
      "Content-Type: application/json",
      "-H",
      "Authorization: Bearer wpm_acme_alice",
      "--data-raw",
      body,
    ]);
  });

  it("shows a secret from the environment as its variable, which the shell expands again", () => {
    const line = renderCurl({
      method: "POST",
      url: "http://x/y",
      headers: { Authorization: "Bearer s3cret" },
      secrets: { s3cret: "WARM_POOL_TOKEN" },
    });
    expect(line).not.toContain("s3cret");
    expect(shellWords(line, { WARM_POOL_TOKEN: "s3cret" })).toContain(
      "Authorization: Bearer s3cret",
    );
  });

  it("pipes a gzip body through gzip, so the shell sends the compressed bytes of the text", () => {
    const body = `{"warmPoolId":"it's"}`;
    const line = renderCurl({
      method: "POST",
      url: "http://x/y",
      headers: { "Content-Encoding": "gzip" },
      body,
      gzip: true,
    });
    expect(line).toMatch(/^printf '%s' .* \| gzip \| curl .* --data-binary @-$/);
    // A stand-in curl that inflates what it reads on stdin shows what the real one would send.
    const sent = execFileSync("sh", ["-c", `curl() { gzip -dc; }; ${line}`]).toString();
    expect(sent).toBe(body);
  });
});
