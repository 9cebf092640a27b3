// Turning what a person types into archive rows: run ids (full, unique prefix or "latest") and agent
// references (id, unique prefix, or "best" of a run). Failures are messages that say what to do.
import type { AgentRow, Archive, RunRow } from "../../archive/index.ts";

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * What made a run: "evolve" for evolution runs (their config holds {options, models}), otherwise the
 * command recorded by `dgm agent run`, `dgm solve` or `dgm eval` in its bookkeeping run.
 */
export function runKind(run: RunRow): string {
  return typeof run.config.command === "string" ? run.config.command : "evolve";
}

/** Runs that hold agents (solve/agent-run bookkeeping runs have none), newest last. */
function evolutionRuns(archive: Archive): RunRow[] {
  return archive.listRuns().filter((run) => archive.listAgents(run.id).length > 0);
}

export function resolveRun(archive: Archive, ref: string | undefined): Resolved<RunRow> {
  const runs = archive.listRuns();
  if (runs.length === 0)
    return { ok: false, message: `no runs in ${archive.home} yet: start one with \`dgm evolve\` (or pass --home)` };
  if (ref === undefined || ref === "latest") {
    const candidates = evolutionRuns(archive);
    const latest = [...(candidates.length > 0 ? candidates : runs)]
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
      .at(-1)!;
    return { ok: true, value: latest };
  }
  const exact = archive.getRun(ref);
  if (exact) return { ok: true, value: exact };
  const matches = runs.filter((run) => run.id.startsWith(ref));
  if (matches.length === 1) return { ok: true, value: matches[0]! };
  if (matches.length > 1)
    return { ok: false, message: `run prefix ${ref} is ambiguous: ${matches.map((run) => run.id).join(", ")}` };
  return {
    ok: false,
    message: `no run ${ref} in ${archive.home}; runs: ${runs
      .slice(-5)
      .map((run) => run.id)
      .join(", ")}`,
  };
}

export function resolveAgentRef(archive: Archive, ref: string, runRef?: string): Resolved<AgentRow> {
  if (ref === "best") {
    const run = resolveRun(archive, runRef);
    if (!run.ok) return run;
    const best = archive.bestAgent(run.value.id);
    return best
      ? { ok: true, value: best }
      : { ok: false, message: `run ${run.value.id} has no scored, admitted agent yet` };
  }
  let agent: AgentRow | undefined;
  try {
    agent = archive.resolveAgent(ref);
  } catch (error) {
    return { ok: false, message: (error as Error).message }; // an ambiguous prefix
  }
  if (agent) return { ok: true, value: agent };
  return {
    ok: false,
    message: `no agent ${ref} in ${archive.home} (ids and unique prefixes are shown by \`dgm tree\`; "best" picks a run's best)`,
  };
}
