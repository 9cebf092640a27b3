// `tasks check`: every task must discriminate — its untouched stub fails the hidden tests and its
// reference passes them, every time (stub and `repeat` reference runs share one container) — and the
// reference must run exactly the number of tests the task declares (grading fails any other count).
import pLimit from "p-limit";
import type { Sandbox } from "../sandbox/index.ts";
import { type GradeDeps, type GradeResult, gradePasses } from "./grading/grade.ts";
import type { ContainerSlots } from "./slots.ts";
import { type EnvironmentTask, gradeInstance } from "./swebench/grade.ts";
import type { Task, TaskProblem } from "./task-types.ts";

export interface TaskCheck {
  /** Qualified id, or the directory name of a task that did not load. */
  id: string;
  task: Task | undefined;
  stub: GradeResult | undefined;
  /** One result per reference run; stops at the first run that did not finish. */
  reference: GradeResult[];
  ok: boolean;
  problems: string[];
  /** The test output of the side that did not do what it should (a stub that passed, a reference that did not). */
  unexpected?: { side: "stub" | "reference"; output: string };
  durationMs: number;
}

/** The output that explains a failed check: the first reference run that did not pass, else a passing stub. */
function unexpectedSide(stub: GradeResult, reference: GradeResult[]): TaskCheck["unexpected"] {
  const failing = reference.find((run) => run.status !== "passed");
  if (failing) return { side: "reference", output: failing.output };
  if (stub.status === "passed") return { side: "stub", output: stub.output };
  return undefined;
}

export interface CheckOptions {
  sandbox: Sandbox;
  slots: ContainerSlots;
  /** Reference runs per task (default 1). */
  repeat?: number;
  /** Called as each task's check finishes. */
  onCheck?: (check: TaskCheck) => void;
}

function judge(task: Task, stub: GradeResult, reference: GradeResult[], repeat: number): string[] {
  const problems: string[] = [];
  if (stub.status === "passed")
    problems.push(
      task.environment
        ? "the empty patch resolves the instance: its FAIL_TO_PASS tests do not test the fix"
        : "the untouched stub passes the hidden tests: they do not test the task",
    );
  reference.forEach((run, index) => {
    if (run.status !== "passed") {
      const where = repeat > 1 ? ` (run ${index + 1} of ${repeat})` : "";
      const why = run.reason ? ` — ${run.reason}` : "";
      problems.push(`the reference ${run.status}${where}: ${run.testsPassed}/${run.testsTotal} tests passed${why}`);
    }
  });
  if (task.environment?.instance.patch === "")
    problems.push("the instance has no gold patch (its `patch` is empty): only the empty patch was checked");
  else if (reference.length < repeat) problems.push(`the reference ran only ${reference.length} of ${repeat} times`);
  const ran = reference.find((run) => run.status === "passed")?.testsTotal;
  if (task.manifest.expectedTests === undefined && ran !== undefined && task.qualifiedId.startsWith("builtin:")) {
    problems.push(`task.json declares no expectedTests: the reference ran ${ran} tests; add "expectedTests": ${ran}`);
  }
  return problems;
}

/**
 * The untouched stub's grade and the reference's `repeat` grades. A file task runs them in one container
 * (the stub first); a SWE-bench instance grades the empty patch and its gold patch, each in a fresh
 * container of its image, as the published harness validates an instance.
 */
async function gradeStubAndReference(task: Task, repeat: number, deps: GradeDeps): Promise<GradeResult[][]> {
  if (!task.environment) {
    return gradePasses(
      task,
      [
        { changes: {}, repeat: 1 },
        { changes: task.reference, repeat },
      ],
      deps,
    );
  }
  const instance = task as EnvironmentTask;
  const stub = await gradeInstance(instance, "", deps);
  const reference: GradeResult[] = [];
  // An instance published without its gold patch has no reference to run (judge says so).
  for (let run = 0; run < repeat && instance.environment.instance.patch !== ""; run++) {
    const result = await gradeInstance(instance, instance.environment.instance.patch, deps);
    reference.push(result);
    if (result.status === "timeout") break;
  }
  return [[stub], reference];
}

async function checkOne(task: Task, options: CheckOptions): Promise<TaskCheck> {
  const started = performance.now();
  const repeat = options.repeat ?? 1;
  const deps = { sandbox: options.sandbox, slots: options.slots, labels: { task: task.qualifiedId } };
  try {
    const [stubRuns, reference = []] = await gradeStubAndReference(task, repeat, deps);
    const stub = stubRuns?.[0];
    if (!stub) throw new Error("grading the untouched stub produced no result");
    const problems = judge(task, stub, reference, repeat);
    const unexpected = problems.length > 0 ? unexpectedSide(stub, reference) : undefined;
    return {
      id: task.qualifiedId,
      task,
      stub,
      reference,
      ok: problems.length === 0,
      problems,
      ...(unexpected ? { unexpected } : {}),
      durationMs: performance.now() - started,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      id: task.qualifiedId,
      task,
      stub: undefined,
      reference: [],
      ok: false,
      problems: [message],
      durationMs: performance.now() - started,
    };
  }
}

/** Checks tasks in parallel (bounded by the slots); tasks that failed to load (named by qualified id) are reported as failed checks. */
export async function checkTasks(
  tasks: Task[],
  options: CheckOptions,
  broken: TaskProblem[] = [],
): Promise<TaskCheck[]> {
  const results: TaskCheck[] = broken.map((problem) => ({
    id: problem.name,
    task: undefined,
    stub: undefined,
    reference: [],
    ok: false,
    problems: [problem.message],
    durationMs: 0,
  }));
  for (const result of results) options.onCheck?.(result);
  const limit = pLimit(options.slots.size);
  const checked = await Promise.all(
    tasks.map((task) =>
      limit(async () => {
        const result = await checkOne(task, options);
        options.onCheck?.(result);
        return result;
      }),
    ),
  );
  return [...results, ...checked].sort((a, b) => a.id.localeCompare(b.id));
}
