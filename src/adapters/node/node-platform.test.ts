// The wire platform is injected: Node's (zlib, Buffer) for the servers, the web standards'
// (CompressionStream) everywhere else. Both must end a gzip bomb, bad data and good data the
// same way, with the same limits, codes and messages.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { WEB_PLATFORM, type WirePlatform } from "../../protocol/wire-platform.js";
import { NODE_PLATFORM } from "./node-platform.js";

const LIMIT = 1000;
const text = new TextEncoder().encode('{"warmPoolId":"x"}');
const good = gzipSync(text);

async function outcome(platform: WirePlatform, bytes: Uint8Array) {
  try {
    return { bytes: [...(await platform.gunzip(bytes, LIMIT))] };
  } catch (error) {
    return { code: (error as { code: string }).code, message: (error as Error).message };
  }
}

describe.each([
  ["web", WEB_PLATFORM],
  ["node", NODE_PLATFORM],
])("the %s platform", (_name, platform) => {
  it("gzips what gunzips back", async () => {
    const zipped = await platform.gzip(text);
    expect(await outcome(platform, zipped)).toEqual({ bytes: [...text] });
  });

  it("encodes UTF-8", () => {
    expect([...platform.encodeText("é€")]).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac]);
  });
});

describe("gunzip on both platforms", () => {
  it.each([
    ["a good message", good],
    ["exactly the limit once inflated", gzipSync(new Uint8Array(LIMIT))],
    ["a bomb: 1 MB of zeros in a few hundred bytes", gzipSync(new Uint8Array(1024 * 1024))],
    ["one byte over the limit", gzipSync(new Uint8Array(LIMIT + 1))],
    ["no gzip at all", new TextEncoder().encode("junk")],
    ["a truncated stream", good.subarray(0, good.length - 5)],
    ["two members", new Uint8Array([...good, ...good])],
  ])("%s ends the same", async (_what, bytes) => {
    const web = await outcome(WEB_PLATFORM, bytes);
    expect(await outcome(NODE_PLATFORM, bytes)).toEqual(web);
  });

  it("refuses a bomb as resource_exhausted, naming the limit", async () => {
    expect(await outcome(WEB_PLATFORM, gzipSync(new Uint8Array(1024 * 1024)))).toEqual({
      code: "resource_exhausted",
      message: `decompressed message is larger than the limit of ${LIMIT} bytes`,
    });
  });

  it("refuses bad data as invalid_argument", async () => {
    expect(await outcome(NODE_PLATFORM, new TextEncoder().encode("junk"))).toMatchObject({
      code: "invalid_argument",
      message: "cannot gunzip message: incorrect header check",
    });
  });
});
