// Child process of the kill test: writes two alternating worlds to a state file until killed.

import { writeFileAtomic } from "../../src/adapters/node/write-file-atomic.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";

const path = process.argv[2] as string;
const world = loadDefaultWorld();
// Large enough that one write takes a while, so kills land in the middle of writes.
const padding = Array.from({ length: 4000 }, (_, i) => ({ ...world.warmPools[0], seq: i }));
const texts = ["A", "B"].map((name) =>
  JSON.stringify({ ...world, defaultToken: world.defaultToken, name, padding }),
);
process.stdout.write("ready\n");
for (let i = 0; ; i++) writeFileAtomic(path, texts[i % 2] as string);
