// docs/in-process.md, "Storybook": a stories file, one story per state of the API.
import { mock } from "./storybook-preview.js";
import { WarmPoolList } from "./warm-pool-list.js";

export default { component: WarmPoolList };

export const EveryPhase = {
  beforeEach: () => {
    mock.loadScenario({ name: "every-phase" }); // READY, PENDING, DEGRADED, DELETING pools
  },
};

export const ApiDown = {
  beforeEach: () => {
    mock.addFault({ rpc: "ListWarmPools", error: { code: "unavailable" } });
  },
};
