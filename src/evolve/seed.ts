// The run's first agent: imported from a directory (agents/seed by default) or taken from an agent
// already in the archive (e.g. the best of an earlier run), gated and evaluated before any child.
// Its evaluations come from the cache when an agent with the same source was evaluated before.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { AgentRow, RunRow } from "../../archive/index.ts";
import { importAgentSource, resolveAgentSource } from "../../evaluator/index.ts";
import type { EventBus } from "./events.ts";
import type { EvolveOptions } from "./options.ts";
import type { EvolveServices } from "./services.ts";

/** --seed-agent, read as every command reads an agent: "seed", a directory, an id, "best", "best@<run>". */
async function importSeed(services: EvolveServices, options: EvolveOptions, run: RunRow): Promise<AgentRow> {
  const { archive } = services;
  const source = resolveAgentSource(archive, options.seedAgent);
  return importAgentSource(archive, source, run.id, `seed agent from ${options.seedAgent}`);
}

/** `workRoot` is the run's scratch space (the seed's source is checked out there to be gated). */
export async function prepareSeed(
  services: EvolveServices,
  options: EvolveOptions,
  run: RunRow,
  events: EventBus,
  workRoot: string,
  signal: AbortSignal,
): Promise<AgentRow> {
  const { archive } = services;
  const seed =
    archive.listAgents(run.id).find((agent) => agent.parentId === null) ?? (await importSeed(services, options, run));
  if (seed.status === "admitted") return seed;

  const cached = archive
    .findAgentsByTree(seed.tree)
    .some((agent) => agent.id !== seed.id && agent.status === "admitted");
  const sourceDir = join(workRoot, `seed-${seed.id}`);
  await rm(sourceDir, { recursive: true, force: true });
  await archive.store.checkout(seed.commit, sourceDir);
  const gate = await services
    .gate(sourceDir, seed.id, signal)
    .finally(() => rm(sourceDir, { recursive: true, force: true }));
  if (!gate.ok) {
    archive.setAgentStatus(seed.id, "invalid", `${gate.stage}: ${gate.reason}`);
    throw new Error(`the seed agent fails the validation gate at ${gate.stage}: ${gate.reason}`);
  }
  archive.setAgentStatus(seed.id, "evaluating");
  const scores = await services.evaluate(seed, gate.artifact, signal);
  if (signal.aborted) throw new Error("aborted while evaluating the seed agent");
  // Tasks cut short by the budget would make the seed look worse than it is; --resume finishes them.
  const halt = services.budgetExhausted() ?? services.modelFailure();
  if (halt) throw new Error(`${halt} (while evaluating the seed agent)`);
  archive.setAgentStatus(seed.id, "admitted", "seed agent");
  events.emit({ type: "seed-ready", agentId: seed.id, scores: scores as Record<string, number>, cached });
  return archive.getAgent(seed.id) ?? seed;
}
