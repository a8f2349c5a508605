import { describe, expect, it } from "vitest";
import { createClock } from "./create-clock.js";

describe("createClock", () => {
  it("real mode follows the real time, sped up by the scale, from the start instant", () => {
    let real = 1_000;
    const clock = createClock({ scale: 10, start: 50_000, realNow: () => real });
    expect(clock.now()).toBe(50_000);
    real += 150;
    expect(clock.now()).toBe(51_500);
  });

  it("real mode can skip ahead, then runs on from there", () => {
    let real = 0;
    const clock = createClock({ start: 0, realNow: () => real });
    clock.advance(1_000);
    real += 5;
    expect(clock.now()).toBe(1_005);
  });

  it("manual mode stands still until advanced or set", () => {
    let real = 0;
    const clock = createClock({ mode: "manual", start: 7, realNow: () => real });
    real += 10_000;
    expect(clock.now()).toBe(7);
    clock.advance(3);
    expect(clock.now()).toBe(10);
    clock.set(100);
    expect(clock.now()).toBe(100);
  });

  it("never moves backwards and refuses nonsense amounts", () => {
    const clock = createClock({ mode: "manual", start: 100 });
    expect(() => clock.set(99)).toThrow(/only moves forward/);
    expect(() => clock.advance(-1)).toThrow(/cannot advance/);
    expect(() => clock.advance(1.5)).toThrow(/cannot advance/);
    expect(() => createClock({ scale: 0 })).toThrow(/positive/);
  });

  it("reset switches the mode and may go back, as replacing the whole world needs", () => {
    let real = 0;
    const clock = createClock({ start: 5_000, realNow: () => real });
    clock.reset({ mode: "manual", now: 1_000 });
    real += 10_000;
    expect(clock.mode).toBe("manual");
    expect(clock.now()).toBe(1_000);
    clock.reset({ mode: "real" });
    expect(clock.mode).toBe("real");
    expect(clock.now()).toBe(10_000);
    real += 20;
    expect(clock.now()).toBe(10_020);
  });
});
