import { describe, expect, it } from "vitest";
import { describeJournalBody, JOURNAL_BODY_DEPTH } from "./describe-journal-body.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const base64 = (text: string) => Buffer.from(text).toString("base64");
const JSON_TYPE = { contentType: "application/json" };

describe("describeJournalBody", () => {
  it("shows JSON parsed, anything else as base64 without a note, and no body as nothing", () => {
    expect(describeJournalBody(bytes('{"a":[1]}'), JSON_TYPE)).toEqual({ body: { a: [1] } });
    expect(
      describeJournalBody(bytes("\u0008\u0001"), { contentType: "application/proto" }),
    ).toEqual({ bodyBase64: base64("\u0008\u0001") });
    expect(describeJournalBody(undefined, JSON_TYPE)).toEqual({});
    expect(describeJournalBody(new Uint8Array(), JSON_TYPE)).toEqual({});
  });

  it("keeps JSON nested up to its depth parsed, and deeper JSON as bytes with a note", () => {
    const at = `{"x":${"[".repeat(JOURNAL_BODY_DEPTH - 1)}${"]".repeat(JOURNAL_BODY_DEPTH - 1)}}`;
    expect(describeJournalBody(bytes(at), JSON_TYPE)).toHaveProperty("body");
    const deep = `{"x":${"[".repeat(5000)}${"]".repeat(5000)}}`;
    const shown = describeJournalBody(bytes(deep), JSON_TYPE);
    expect(shown).toEqual({
      bodyBase64: base64(deep),
      bodyNote: `JSON nested more than ${JOURNAL_BODY_DEPTH} levels deep, kept as bytes`,
    });
    // What every reader of the journal does with an entry.
    expect(() => JSON.stringify(shown)).not.toThrow();
  });

  it("says why a body meant as JSON is bytes: invalid JSON, not UTF-8, compressed, cut", () => {
    expect(describeJournalBody(bytes('{"a":'), JSON_TYPE)).toMatchObject({
      bodyNote: "not valid JSON",
    });
    expect(describeJournalBody(Uint8Array.of(0x7b, 0xff, 0x7d), JSON_TYPE)).toMatchObject({
      bodyNote: "not UTF-8, so not JSON",
    });
    expect(
      describeJournalBody(bytes("{}"), { ...JSON_TYPE, contentEncoding: "gzip" }),
    ).toMatchObject({ bodyNote: "compressed (gzip), kept as sent" });
    expect(describeJournalBody(bytes("{}"), { ...JSON_TYPE, contentEncoding: "identity" })).toEqual(
      { body: {} },
    );
    expect(describeJournalBody(bytes('{"a":'), { ...JSON_TYPE, size: 70_000 })).toEqual({
      bodyBase64: base64('{"a":'),
      bodyNote: "70000 bytes, the first 5 kept",
    });
  });
});
