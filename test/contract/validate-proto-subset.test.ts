import type { DescEnum, DescField, DescMessage } from "@bufbuild/protobuf";
import { FieldDescriptorProto_TypeSchema } from "@bufbuild/protobuf/wkt";
import { file_buf_validate_validate as reference } from "@bufbuild/protovalidate/gen/buf/validate/validate_pb.js";
import { describe, expect, it } from "vitest";
import { file_buf_validate_validate as ours } from "../../src/gen/buf/validate/validate_pb.js";

// proto/buf/validate/validate.proto is a hand-written part of protovalidate's schema, named as
// protovalidate had it before v0.11 (the real server's version). protovalidate reads the
// annotations of proto/gitpod by number and type, so every message, field and enum value of
// the part must be one of protovalidate's own, with the same number and type; only the
// renames of v0.11 may differ, and FieldPathElement's types are a proto3 copy of
// descriptor.proto's (which needs a zero value of its own).
const RENAMED: Readonly<Record<string, string>> = {
  "buf.validate.FieldConstraints": "buf.validate.FieldRules",
  "buf.validate.OneofConstraints": "buf.validate.OneofRules",
  "buf.validate.Constraint": "buf.validate.Rule",
  "buf.validate.FieldPathElement.Type": "google.protobuf.FieldDescriptorProto.Type",
  "buf.validate.Violation.constraint_id": "buf.validate.Violation.rule_id",
  "buf.validate.Ignore.IGNORE_IF_UNPOPULATED": "buf.validate.Ignore.IGNORE_IF_ZERO_VALUE",
};
const PROTO3_ZERO = "buf.validate.FieldPathElement.Type.TYPE_UNSPECIFIED";
const renamed = (name: string): string => {
  if (RENAMED[name]) return RENAMED[name];
  const dot = name.lastIndexOf(".");
  const owner = name.slice(0, dot);
  return dot > 0 && RENAMED[owner] ? `${RENAMED[owner]}${name.slice(dot)}` : name;
};

function typeOf(field: DescField): string {
  const kind = field.fieldKind === "list" ? `list ${field.listKind}` : field.fieldKind;
  const target = field.message?.typeName ?? field.enum?.typeName ?? String(field.scalar);
  return `${kind} ${renamed(target)}`;
}

function findMessage(typeName: string): DescMessage | undefined {
  const all = (messages: readonly DescMessage[]): DescMessage[] =>
    messages.flatMap((m) => [m, ...all(m.nestedMessages)]);
  return all(reference.messages).find((m) => m.typeName === renamed(typeName));
}

function findEnum(typeName: string): DescEnum | undefined {
  const nested = (messages: readonly DescMessage[]): DescEnum[] =>
    messages.flatMap((m) => [...m.nestedEnums, ...nested(m.nestedMessages)]);
  return [...reference.enums, ...nested(reference.messages), FieldDescriptorProto_TypeSchema].find(
    (e) => e.typeName === renamed(typeName),
  );
}

function allMessages(messages: readonly DescMessage[]): DescMessage[] {
  return messages.flatMap((m) => [m, ...allMessages(m.nestedMessages)]);
}

describe("proto/buf/validate/validate.proto is a part of protovalidate's schema", () => {
  for (const message of allMessages(ours.messages)) {
    it(`${message.typeName}: every field is protovalidate's, by number, name and type`, () => {
      const theirs = findMessage(message.typeName);
      expect(theirs, `${message.typeName} is not in protovalidate`).toBeDefined();
      for (const field of message.fields) {
        const same = theirs?.fields.find((f) => f.number === field.number);
        expect({
          name: renamed(`${message.typeName}.${field.name}`),
          type: typeOf(field),
        }).toEqual({
          name: same && `${theirs?.typeName}.${same.name}`,
          type: same && typeOf(same),
        });
      }
    });
  }

  it("its enums have protovalidate's values", () => {
    const nested = allMessages(ours.messages).flatMap((m) => m.nestedEnums);
    for (const e of [...ours.enums, ...nested]) {
      const theirs = findEnum(e.typeName);
      expect(theirs, e.typeName).toBeDefined();
      for (const value of e.values) {
        const name = `${e.typeName}.${value.name}`;
        if (name === PROTO3_ZERO) continue;
        const same = theirs?.values.find((v) => v.number === value.number);
        expect(renamed(name)).toBe(`${theirs?.typeName}.${same?.name}`);
      }
    }
  });

  it("the rules are the same extensions of FieldOptions and OneofOptions", () => {
    const ext = (file: typeof ours) =>
      file.extensions.map((x) => `${x.name}=${x.number} on ${x.extendee.typeName}`);
    expect(ext(ours)).toEqual([
      "field=1159 on google.protobuf.FieldOptions",
      "oneof=1159 on google.protobuf.OneofOptions",
    ]);
    for (const extension of ext(ours)) expect(ext(reference)).toContain(extension);
  });
});
