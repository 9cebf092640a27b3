// How many units of work a run does: the seed's evaluation, and per child one diagnosis, one
// self-modification and — when the child changed something and passed the gate — its staged
// evaluation, each later stage only when the previous one reached its threshold. A stage runs only
// its tasks that no earlier stage ran (medium holds small's tasks), exactly as the evaluator does.
import type { EvaluationStage, Task } from "../../../evaluator/index.ts";
import type { Spread } from "./types.ts";

export interface PlannedStage {
  name: string;
  /** The tasks this stage adds (those no earlier stage ran). */
  fresh: Task[];
  /** The score the previous stage must reach for this one to run; 0 for the first stage. */
  after: number;
}

export function planStages(stages: EvaluationStage[]): PlannedStage[] {
  const seen = new Set<string>();
  return stages.map((stage, index) => {
    const fresh = stage.tasks.filter((task) => !seen.has(task.qualifiedId));
    for (const task of fresh) seen.add(task.qualifiedId);
    return { name: stage.name, fresh, after: index === 0 ? 0 : (stages[index - 1]?.advanceAt ?? 0) };
  });
}

const keys = ["low", "expected", "high"] as const;

/** Per stage, the share of evaluations that get there: a threshold above 0 is passed with share `advance`. */
export function reachShares(plan: PlannedStage[], advance: Spread<number>): Spread<number>[] {
  const reach: Spread<number>[] = [];
  let current: Spread<number> = { low: 1, expected: 1, high: 1 };
  for (const stage of plan) {
    if (stage.after > 0) {
      current = {
        low: current.low * advance.low,
        expected: current.expected * advance.expected,
        high: current.high * advance.high,
      };
    }
    reach.push(current);
  }
  return reach;
}

export interface UnitCounts {
  /** Task sessions of the seed's evaluation, per stage. */
  seedTasks: Spread<number>[];
  /** Task sessions of the children's evaluations, per stage. */
  childTasks: Spread<number>[];
  selfModifications: Spread<number>;
  diagnoses: Spread<number>;
}

export function countUnits(input: {
  plan: PlannedStage[];
  children: number;
  seedEvaluated: boolean;
  childEvaluated: Spread<number>;
  advance: Spread<number>;
}): UnitCounts {
  const reach = reachShares(input.plan, input.advance);
  const scale = (factor: (key: (typeof keys)[number]) => number): Spread<number> => ({
    low: factor("low"),
    expected: factor("expected"),
    high: factor("high"),
  });
  const seedTasks = input.plan.map((stage, index) =>
    scale((key) => (input.seedEvaluated ? 0 : (reach[index]?.[key] ?? 0) * stage.fresh.length)),
  );
  const childTasks = input.plan.map((stage, index) =>
    scale((key) => input.children * input.childEvaluated[key] * (reach[index]?.[key] ?? 0) * stage.fresh.length),
  );
  const perChild = { low: input.children, expected: input.children, high: input.children };
  return { seedTasks, childTasks, selfModifications: perChild, diagnoses: { ...perChild } };
}

/** "small (10 tasks)", "medium (+40 tasks) when small ≥ 0.4". */
export function describeStages(plan: PlannedStage[]): string[] {
  return plan.map((stage, index) => {
    const tasks = `${index === 0 ? "" : "+"}${stage.fresh.length} task${stage.fresh.length === 1 ? "" : "s"}`;
    const previous = plan[index - 1];
    const when = previous && stage.after > 0 ? ` when ${previous.name} ≥ ${stage.after}` : "";
    return `${stage.name} (${tasks})${when}`;
  });
}
