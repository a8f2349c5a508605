import type { JsonSchema, OpenApiDocument } from "./openapi-document.js";

/** The bounds of a pool's sizes, as the contract states them (WarmPoolSpec min/max_size). */
export interface PoolSizeLimits {
  minSize: { minimum: number; maximum: number };
  maxSize: { minimum: number; maximum: number };
}

/**
 * The bounds of a pool's min_size and max_size as openapi/ states them on WarmPoolSpec, for
 * the store's invariant check (which must not hard-code them).
 */
export function readPoolSizeLimits(doc: OpenApiDocument): PoolSizeLimits {
  const spec = Object.values<JsonSchema>(doc.components.schemas).find(
    (s) => s["x-proto-message"] === "gitpod.v1.WarmPoolSpec",
  );
  const range = (protoName: string) => {
    const property = Object.values<JsonSchema>(spec?.properties ?? {}).find(
      (p) => p["x-proto-name"] === protoName,
    );
    const { minimum, maximum } = property ?? {};
    if (typeof minimum !== "number" || typeof maximum !== "number") {
      throw new Error(`WarmPoolSpec.${protoName} has no minimum and maximum in the contract`);
    }
    return { minimum, maximum };
  };
  return { minSize: range("min_size"), maxSize: range("max_size") };
}
