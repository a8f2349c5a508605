// The component of the Storybook example, reduced to what it asks of the API: the phases of
// the pools it would list, or the error code it would show.
export async function WarmPoolList(): Promise<string[]> {
  const res = await fetch("https://api.example.com/gitpod.v1.PrebuildService/ListWarmPools", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
    body: "{}",
  });
  const body = (await res.json()) as { warmPools?: { status: { phase: string } }[]; code?: string };
  return body.code ? [body.code] : (body.warmPools ?? []).map((p) => p.status.phase);
}
