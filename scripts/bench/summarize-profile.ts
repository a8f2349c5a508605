// Reads a V8 .cpuprofile (node --cpu-prof) and ranks functions by the share of the busy time
// (every sample that is not idle) they take, alone (self) and with what they call (inclusive).

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A function's share of the busy time, in percent. */
export interface Share {
  name: string;
  percent: number;
}

export function summarizeProfile(profile: CpuProfile): {
  busyMs: number;
  self: Share[];
  inclusive: Share[];
} {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  const timeOf = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  for (const [id, time] of timeOf) {
    const node = nodes.get(id);
    if (!node || node.callFrame.functionName === "(idle)") continue;
    busy += time;
    self.set(label(node), (self.get(label(node)) ?? 0) + time);
    // A recursive function counts once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const name = label(nodes.get(at) as ProfileNode);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + time);
    }
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .map(([name, time]) => ({ name, percent: (100 * time) / busy }))
      .sort((a, b) => b.percent - a.percent);
  return { busyMs: busy / 1000, self: rank(self), inclusive: rank(inclusive) };
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url ? url.split("/").at(-1) : "";
  return `${functionName || "(anonymous)"}${file ? ` ${file}:${lineNumber + 1}` : ""}`;
}
