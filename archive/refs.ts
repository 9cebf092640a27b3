// What a person types for a run or an archived agent, turned into a row: a full id, a unique prefix,
// "latest" for runs, "best" or "best@<run>" for agents. A reference that matches nothing or more than
// one row is an ArchiveError that names the candidates and what to type instead.
import type { Archive } from "./api.ts";
import { ArchiveError } from "./errors.ts";
import type { AgentRow, RunRow } from "./types.ts";

const LISTED = 5;
const listed = (ids: string[]): string => ids.slice(0, LISTED).join(", ") + (ids.length > LISTED ? ", …" : "");

/**
 * A run by id, unique prefix or "latest" (also when no reference is given): the newest run that holds
 * agents (evolution and eval runs), else the newest run of any kind.
 */
export function resolveRunRef(archive: Archive, ref: string | undefined): RunRow {
  const runs = archive.listRuns();
  if (runs.length === 0)
    throw new ArchiveError(`no runs in ${archive.home} yet`, { fix: "start one with `dgm evolve` (or pass --home)" });
  if (ref === undefined || ref === "latest") {
    // listRuns is oldest first, runs made in the same millisecond in the order they were made.
    const withAgents = runs.filter((run) => archive.listAgents(run.id).length > 0);
    return (withAgents.length > 0 ? withAgents : runs).at(-1) as RunRow;
  }
  const exact = archive.getRun(ref);
  if (exact) return exact;
  const matches = runs.filter((run) => run.id.startsWith(ref));
  if (matches.length === 1) return matches[0] as RunRow;
  if (matches.length > 1)
    throw new ArchiveError(`run prefix "${ref}" is ambiguous: it matches ${listed(matches.map((run) => run.id))}`, {
      fix: "type more characters of the id",
    });
  throw new ArchiveError(`no run "${ref}" in ${archive.home}`, {
    fix: `list the runs with \`dgm runs\` (the newest: ${listed(runs.slice(-LISTED).map((run) => run.id))})`,
  });
}

/**
 * An archived agent by id or unique prefix, or "best" (of `runRef`, default the latest run) or
 * "best@<run>": the run's highest-scoring admitted agent.
 */
export function resolveAgentRef(archive: Archive, ref: string, runRef?: string): AgentRow {
  const best = /^best(?:@(.+))?$/.exec(ref);
  if (best) {
    const run = resolveRunRef(archive, best[1] ?? runRef);
    const agent = archive.bestAgent(run.id);
    if (!agent)
      throw new ArchiveError(`run ${run.id} has no scored, admitted agent yet`, {
        fix: "wait for its seed to be evaluated, or name an agent by id",
      });
    return agent;
  }
  const agent = archive.resolveAgent(ref);
  if (agent) return agent;
  throw new ArchiveError(`no agent "${ref}" in ${archive.home}`, {
    fix: '`dgm tree` and `dgm agents <run>` show ids and unique prefixes; "best" or "best@<run>" picks a run\'s best',
  });
}
