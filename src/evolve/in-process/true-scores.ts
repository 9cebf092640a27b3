// For benchmarks only (bench:search): the simulator's TRUE score of archived agents — their exact expected
// pass rate on a task mix, from the skills their source expresses — to judge a search against ground
// truth. The loop never sees it (tests/architecture.test.ts checks that only bench and tests import it):
// a search must learn scores by evaluating, as it would with a real model.
import type { AgentRow, AgentStore } from "../../../archive/index.ts";
import type { Task } from "../../../evaluator/index.ts";
import { simTrueScore } from "../../llm/index.ts";
import { AgentProfiles } from "./agent-profile.ts";

export class TrueScores {
  private readonly profiles: AgentProfiles;
  private readonly difficulties: Task["manifest"]["difficulty"][];

  /** `tasks`: the task mix the true score is the expected pass rate on (e.g. a whole suite). */
  constructor(store: AgentStore, scratchRoot: string, tasks: readonly Task[]) {
    this.profiles = new AgentProfiles(store, scratchRoot);
    this.difficulties = tasks.map((task) => task.manifest.difficulty);
  }

  async of(agent: AgentRow): Promise<number> {
    const profile = await this.profiles.of(agent);
    return simTrueScore(profile.skills, profile.checksWork, this.difficulties);
  }
}
