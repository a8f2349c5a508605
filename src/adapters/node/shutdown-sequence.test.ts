import { describe, expect, it } from "vitest";
import { createShutdownSequence } from "./shutdown-sequence.js";

describe("createShutdownSequence", () => {
  it("runs steps once, in order, awaiting each, and reports failures after all ran", async () => {
    const order: string[] = [];
    const sequence = createShutdownSequence();
    sequence.onShutdown("slow", async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push("slow");
    });
    sequence.onShutdown("broken", () => {
      throw new Error("disk full");
    });
    sequence.onShutdown("last", () => {
      order.push("last");
    });
    const [first, second] = await Promise.all([sequence.run(), sequence.run()]);
    expect(order).toEqual(["slow", "last"]);
    expect(first).toBe(second);
    expect(first.map((f) => f.name)).toEqual(["broken"]);
    expect(() => sequence.onShutdown("late", () => {})).toThrow("shutdown already started");
  });
});
