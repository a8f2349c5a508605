import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "./write-file-atomic.js";

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe("writeFileAtomic", () => {
  // The file is the temporary file renamed: its mode is the one the temporary file got.
  it("creates the file (through its temporary file) readable by the owner only", () => {
    const dir = mkdtempSync(join(tmpdir(), "wpm-atomic-"));
    const path = join(dir, "state.json");
    writeFileAtomic(path, "one");
    expect([readFileSync(path, "utf8"), modeOf(path).toString(8)]).toEqual(["one", "600"]);
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });

  it("replaces a file others could read with one they cannot", () => {
    const path = join(mkdtempSync(join(tmpdir(), "wpm-atomic-")), "state.json");
    writeFileSync(path, "old");
    chmodSync(path, 0o644);
    writeFileAtomic(path, "new");
    expect([readFileSync(path, "utf8"), modeOf(path).toString(8)]).toEqual(["new", "600"]);
  });

  it("never writes through a link planted under a temporary file's name", () => {
    const dir = mkdtempSync(join(tmpdir(), "wpm-atomic-"));
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "keep me");
    // Plant links under the next few names this process would pick.
    for (let n = 1; n <= 50; n++) {
      try {
        symlinkSync(victim, join(dir, `state.json.${process.pid}.${n}.tmp`));
      } catch {}
    }
    for (let i = 0; i < 3; i++) {
      try {
        writeFileAtomic(join(dir, "state.json"), "x");
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe("EEXIST");
      }
    }
    expect(readFileSync(victim, "utf8")).toBe("keep me");
  });
});
