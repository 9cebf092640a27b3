// Part 3 of bench:engines: evaluation throughput on one engine against two. The scripted evaluation
// of the engine-pool tests (six built-in tasks, the seed agent behind the real gateway, solving four)
// runs on a pool of [baseline] and of [baseline, second], with as many containers as the pool's slots.
// The clock runs from the first solve session asked for to the evaluation's end, so building the seed
// agent (part of each evaluation) is not counted.
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { gradeFiles } from "../../evaluator/index.ts";
import {
  DockerSandbox,
  Engine,
  EnginePool,
  type EngineSpec,
  type Sandbox,
  type SandboxSession,
} from "../../sandbox/index.ts";
import { evaluateScripted, evaluationTasks } from "../../tests/support/engine-pool.ts";

export interface ThroughputResult {
  engines: string[];
  containers: number;
  /** Per round: tasks evaluated and the measured window. */
  rounds: Array<{ tasks: number; ms: number }>;
  tasksPerMinute: number;
  /** Sessions each engine ran (solve and grade), over every round. */
  sessionsByEngine: Record<string, number>;
}

const SOLVED_BY_SCRIPT = 4;

/** Notes when the first solve session is asked for, and counts the engines sessions land on. */
function timingSandbox(real: Sandbox, byEngine: Record<string, number>) {
  let firstSolveAt: number | undefined;
  const sandbox: Sandbox = {
    async startSession(options): Promise<SandboxSession> {
      if (options.labels.purpose === "solve") firstSolveAt ??= performance.now();
      const session = await real.startSession(options);
      if (options.labels.purpose === "solve" || options.labels.purpose === "grade") {
        byEngine[session.engine] = (byEngine[session.engine] ?? 0) + 1;
      }
      return session;
    },
    prune: (filter) => real.prune(filter),
  };
  return { sandbox, firstSolveAt: () => firstSolveAt };
}

/** Copies the grading harness to every engine before the clock runs (part 1 copied the other trees). */
export async function warmGrading(specs: EngineSpec[]): Promise<void> {
  const [task] = evaluationTasks();
  if (!task) throw new Error("no evaluation task");
  for (const spec of specs) {
    const sandbox = new DockerSandbox(new EnginePool([new Engine(spec)]));
    const graded = await gradeFiles(task, task.reference, { sandbox });
    if (graded.status !== "passed") throw new Error(`grading the reference on ${spec.name} ended ${graded.status}`);
  }
}

async function oneEvaluation(pool: EnginePool, scratch: string, byEngine: Record<string, number>) {
  const home = await mkdtemp(join(scratch, "eval-"));
  const tasks = evaluationTasks();
  const timing = timingSandbox(new DockerSandbox(pool), byEngine);
  try {
    const evaluation = await evaluateScripted({ sandbox: timing.sandbox, tasks, home, containers: pool.totalSlots });
    const ended = performance.now();
    await evaluation.close();
    const started = timing.firstSolveAt();
    if (started === undefined) throw new Error("the evaluation started no solve session");
    const { results } = evaluation.result;
    const passed = results.filter((row) => row.status === "passed").length;
    if (results.length !== tasks.length || passed !== SOLVED_BY_SCRIPT) {
      throw new Error(
        `the scripted evaluation recorded ${results.length} results, ${passed} passed; expected ${tasks.length} and ${SOLVED_BY_SCRIPT}`,
      );
    }
    return { tasks: results.length, ms: ended - started };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** `rounds` scripted evaluations on each pool, the pools taking turns, after one uncounted warm-up. */
export async function measureThroughput(
  pools: EngineSpec[][],
  rounds: number,
  scratch: string,
  progress: (line: string) => void,
): Promise<ThroughputResult[]> {
  const runs = pools.map((specs) => {
    const pool = new EnginePool(specs.map((spec) => new Engine(spec)));
    const result: ThroughputResult = {
      engines: specs.map((spec) => spec.name),
      containers: pool.totalSlots,
      rounds: [],
      tasksPerMinute: 0,
      sessionsByEngine: {},
    };
    return { pool, result };
  });
  // One evaluation first, not counted: the first in a process pays for loading tasks and warming Node.
  const warmUp = runs.at(-1);
  if (warmUp) await oneEvaluation(warmUp.pool, scratch, {});
  for (let round = 0; round < rounds; round++) {
    // The pools take turns, and swap who goes first each round.
    for (const { pool, result } of round % 2 === 0 ? runs : [...runs].reverse()) {
      const measured = await oneEvaluation(pool, scratch, result.sessionsByEngine);
      result.rounds.push(measured);
      progress(
        `  [${result.engines.join(", ")}] round ${round + 1}: ${measured.tasks} tasks in ${(measured.ms / 1000).toFixed(1)} s`,
      );
    }
  }
  for (const { result } of runs) {
    const tasks = result.rounds.reduce((sum, r) => sum + r.tasks, 0);
    const ms = result.rounds.reduce((sum, r) => sum + r.ms, 0);
    result.tasksPerMinute = tasks / (ms / 60_000);
  }
  return runs.map(({ result }) => result);
}
