// docs/in-process.md, "Storybook": .storybook/preview.ts. Storybook runs the project's, then
// the component's, then the story's beforeEach before it renders a story;
// test/docs/in-process-examples.browser.test.ts does the same in Chromium.
import { setupWorker } from "msw/browser";
import { createMswMock } from "../../../src/msw.js";

export const mock = createMswMock({ baseUrl: "https://api.example.com" });
const worker = setupWorker(...mock.handlers);
let started: Promise<unknown> | undefined;

const preview = {
  async beforeEach() {
    started ??= worker.start({ onUnhandledRequest: "bypass", quiet: true });
    await started;
    mock.reset(); // every story starts from the same world, clock and fault rules
  },
};

export default preview;
