// `dgm tasks list|show|check` and `dgm eval`: the task suites and evaluating one agent on them.
import type { Command } from "commander";
import pc from "picocolors";
import type { EvaluationRow } from "../../../archive/index.ts";
import { UsageError } from "../../../common/index.ts";
import {
  AGENT_REF_FORMS,
  agentSeconds,
  builtinSubsets,
  ContainerSlots,
  checkTasks,
  DGM_MEDIUM,
  DGM_SMALL,
  type EnvironmentImage,
  environmentImages,
  formatTable,
  guardCommand,
  loadTask,
  type SetAsideTask,
  SUITE_FORMS,
  scanSuite,
  type Task,
  type TaskCheck,
  type TaskManifest,
  testSeconds,
} from "../../../evaluator/index.ts";
import { DockerSandbox, ensureSandboxImage, requireLanguageImages } from "../../../sandbox/index.ts";
import { cachedNote, estimateNote, formatCost } from "../../report/index.ts";
import { evaluateOnSuite, fetchPolyglot, POLYGLOT_COMMIT } from "../../run/index.ts";
import { positiveInt, printJson, wholeNumber, withArchive } from "../shared.ts";

/** Which named subset each task of a suite is in: builtin's small/medium, or DGM's polyglot subsets. */
function subsetMembership(spec: string): Map<string, string> {
  const membership = new Map<string, string>();
  if (spec.startsWith("polyglot:")) {
    for (const id of DGM_MEDIUM) membership.set(id, "dgm-medium");
    for (const id of DGM_SMALL) membership.set(id, "dgm-small");
    return membership;
  }
  if (!spec.startsWith("builtin")) return membership;
  try {
    const subsets = builtinSubsets();
    for (const id of subsets.medium) membership.set(id, "medium");
    for (const id of subsets.small) membership.set(id, "small");
  } catch {
    // A broken suites.json is reported by `tasks check`; listing still works without subsets.
  }
  return membership;
}

function taskSummary(task: Task, subset: string | undefined) {
  const { manifest } = task;
  return {
    id: task.qualifiedId,
    language: manifest.language,
    kind: manifest.kind,
    difficulty: manifest.difficulty,
    subset: subset ?? "full",
    title: manifest.title,
    contentHash: task.contentHash,
  };
}

/** Exercises listed but not run, each with its reason. */
function printSetAside(setAside: SetAsideTask[]): void {
  if (setAside.length === 0) return;
  console.log(`\n${setAside.length} set aside (listed, never run):`);
  for (const entry of setAside) console.log(`  ${pc.yellow(entry.id)}: ${entry.reason}`);
}

/** The last lines of a test output, indented under its check. */
function outputTail(output: string, lines = 25): string {
  return output
    .trimEnd()
    .split("\n")
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join("\n");
}

function registerTasks(program: Command): void {
  const tasks = program
    .command("tasks")
    .description("list, show and check coding tasks (built-in suite and external suites)");

  tasks
    .command("list [suite]")
    .description(`list the tasks of a suite (default builtin): ${SUITE_FORMS}`)
    .option("--json", "print JSON")
    .action(async (suite: string | undefined, opts: { json?: boolean }) => {
      const spec = suite ?? "builtin";
      const loaded = scanSuite(spec);
      const membership = subsetMembership(spec);
      const rows = loaded.tasks.map((task) => taskSummary(task, membership.get(task.manifest.id)));
      if (opts.json) return printJson({ suite: spec, tasks: rows, setAside: loaded.setAside, broken: loaded.problems });
      console.log(
        formatTable(
          ["id", "language", "kind", "difficulty", "subset", "title"],
          rows.map((r) => [r.id, r.language, r.kind, r.difficulty, r.subset, r.title]),
        ),
      );
      console.log(`\n${rows.length} task(s)`);
      printSetAside(loaded.setAside);
      for (const problem of loaded.problems)
        console.log(pc.red(`broken: ${problem.name}: ${problem.message.split("\n").join(" ")}`));
    });

  tasks
    .command("show <id>")
    .description("show one task: manifest, instructions and files (hidden tests are listed, not printed)")
    .option("--json", "print JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      const task = loadTask(id);
      const { manifest } = task;
      const files = {
        workspace: Object.keys(task.workspace),
        tests: Object.keys(task.tests),
        reference: Object.keys(task.reference),
      };
      if (opts.json)
        return printJson({
          ...taskSummary(task, undefined),
          dir: task.dir,
          manifest,
          instructions: task.instructions,
          files,
        });
      console.log(`${pc.bold(task.qualifiedId)}  ${manifest.title}`);
      console.log(
        `${manifest.language} · ${manifest.kind} · ${manifest.difficulty} · agent ${agentSeconds(manifest)} s · tests ${testSeconds(manifest)} s`,
      );
      const instance = task.environment?.instance;
      if (task.environment && instance) {
        console.log(`image:          ${task.environment.image}`);
        console.log(`repository:     ${instance.repo} ${instance.version} at ${instance.baseCommit.slice(0, 12)}`);
        console.log(
          `hidden tests:   ${instance.failToPass.length} FAIL_TO_PASS, ${instance.passToPass.length} PASS_TO_PASS`,
        );
        console.log(`test command:   ${manifest.testCommand.at(-1)} <the test patch's files>`);
        console.log("grading:        unguarded (the runner's own output), per named test");
      } else {
        console.log(`dir:            ${task.dir}`);
        console.log(`solution files: ${manifest.solutionFiles.join(", ")}`);
        console.log(`hidden tests:   ${manifest.testFiles.join(", ")}`);
        console.log(`test command:   ${manifest.testCommand.join(" ")}`);
        console.log(`grading:        ${gradingLine(manifest)}`);
        console.log(`workspace:      ${files.workspace.join(", ")}`);
      }
      console.log(`content hash:   ${task.contentHash.slice(0, 16)}`);
      console.log(`\n${task.instructions.trimEnd()}`);
    });

  tasks
    .command("fetch <benchmark>")
    .description(
      `clone a benchmark where git can reach it: polyglot (Aider's polyglot benchmark, at the commit ${POLYGLOT_COMMIT.slice(0, 7)} its set-aside list was measured on)`,
    )
    .option("--dir <dir>", "where to put it", "polyglot-benchmark")
    .option("--from <url>", "clone from here instead (a mirror, a local path)")
    .option("--ref <commit>", "check out this commit or branch instead")
    .option("--json", "print JSON")
    .action(async (benchmark: string, opts: { dir: string; from?: string; ref?: string; json?: boolean }) => {
      if (benchmark !== "polyglot")
        throw new UsageError(`unknown benchmark ${JSON.stringify(benchmark)}: the one that can be fetched is polyglot`);
      const outcome = await fetchPolyglot({
        dir: opts.dir,
        from: opts.from,
        ref: opts.ref,
        onProgress: opts.json ? undefined : (line) => process.stderr.write(`${pc.dim(line)}\n`),
      });
      if (opts.json) return printJson(outcome);
      const counts = Object.entries(outcome.exercises)
        .map(([language, count]) => `${language} ${count}`)
        .join(", ");
      console.log(`polyglot benchmark at ${outcome.commit.slice(0, 7)} in ${outcome.dir}`);
      console.log(
        `runnable: ${counts}; set aside: ${outcome.setAside} (see \`dgm tasks list polyglot:${outcome.dir}\`)`,
      );
      console.log(`next: dgm tasks check polyglot:${outcome.dir}:dgm-small`);
    });

  tasks
    .command("check [suite]")
    .description("check that every task's stub FAILS its hidden tests and its reference PASSES, in the real sandbox")
    .option("--repeat <n>", "run each reference n times in a row (flakiness check)", positiveInt, 1)
    .option("--workers <n>", "containers at once (default: one per core)", positiveInt)
    .option("--images", "only report which instances (SWE-bench) have their environment image here; grade nothing")
    .option("--json", "print JSON")
    .action(
      async (
        suite: string | undefined,
        opts: { repeat: number; workers?: number; images?: boolean; json?: boolean },
      ) => {
        const spec = suite ?? "builtin";
        const { repeat } = opts;
        const loaded = scanSuite(spec);
        const images = await environmentImages(loaded.tasks);
        if (images.length > 0 && !opts.json) printImages(images);
        if (opts.images) {
          if (opts.json) return printJson({ suite: spec, images });
          if (images.some((row) => !row.present)) process.exitCode = 1;
          return;
        }
        await ensureSandboxImage({ log: (line) => process.stderr.write(`${line}\n`) });
        await requireLanguageImages(loaded.tasks.map((task) => task.manifest.language));
        const prefix = spec.split(":")[0] ?? "builtin";
        const slots = new ContainerSlots(opts.workers);
        const started = performance.now();
        const onCheck = opts.json
          ? undefined
          : (check: TaskCheck) => process.stderr.write(`${check.ok ? pc.green("ok  ") : pc.red("FAIL")} ${check.id}\n`);
        const checks = await checkTasks(
          loaded.tasks,
          { sandbox: new DockerSandbox(), slots, repeat, onCheck },
          loaded.problems.map((problem) => ({ ...problem, name: `${prefix}:${problem.name}` })),
        );
        const failed = checks.filter((check) => !check.ok);
        const seconds = (performance.now() - started) / 1000;
        if (opts.json) {
          printJson({
            suite: spec,
            repeat,
            ok: failed.length === 0,
            seconds,
            checks: checks.map((c) => ({
              id: c.id,
              ok: c.ok,
              problems: c.problems,
              ...(c.unexpected ? { unexpected: c.unexpected } : {}),
              stub: c.stub && { ...c.stub, output: undefined },
              reference: c.reference.map(({ output: _o, ...rest }) => rest),
            })),
            setAside: loaded.setAside,
            ...(images.length > 0 ? { images } : {}),
          });
        } else {
          const describe = (check: TaskCheck) => {
            const stub = check.stub ? `${check.stub.status} ${check.stub.testsPassed}/${check.stub.testsTotal}` : "-";
            const passes = check.reference.filter((r) => r.status === "passed").length;
            const last = check.reference.at(-1);
            const reference = last ? `${passes}/${repeat} passed (${last.testsPassed}/${last.testsTotal} tests)` : "-";
            return [
              check.id,
              stub,
              reference,
              check.ok ? pc.green("ok") : pc.red(check.problems.join("; ").split("\n").join(" ")),
            ];
          };
          console.log(formatTable(["task", "stub", "reference", "verdict"], checks.map(describe)));
          for (const check of failed) {
            if (!check.unexpected) continue;
            console.log(`\n${pc.red(check.id)}: the ${check.unexpected.side}'s test output (last lines)`);
            console.log(pc.dim(outputTail(check.unexpected.output)));
          }
          printSetAside(loaded.setAside);
          console.log(
            `\n${checks.length - failed.length}/${checks.length} tasks ok in ${seconds.toFixed(1)} s (${slots.size} workers, reference ×${repeat})`,
          );
        }
        if (failed.length > 0) process.exitCode = 1;
      },
    );
}

/** Which environment images (SWE-bench instances') are here; the missing ones are pulled by name when first used. */
function printImages(images: EnvironmentImage[]): void {
  const missing = images.filter((row) => !row.present);
  console.log(`environment images: ${images.length - missing.length} of ${images.length} on this machine`);
  for (const row of missing.slice(0, 20)) console.log(pc.yellow(`  missing ${row.image} (${row.taskId})`));
  if (missing.length > 20) console.log(pc.yellow(`  … and ${missing.length - 20} more`));
  if (missing.length > 0)
    console.log(
      "  they are pulled by name when first used; without a registry, `docker load -i <archive>` them (see the README's SWE-bench section)",
    );
}

/** How a task is graded: through the harness (guarded) or from its runner's own output, and its count. */
function gradingLine(manifest: TaskManifest): string {
  const channel = guardCommand(manifest.testCommand) ? "guarded" : "unguarded (the runner's own output)";
  const count =
    manifest.expectedTests === undefined ? "no expected test count" : `${manifest.expectedTests} tests expected`;
  return `${channel}, ${count}`;
}

function resultLine(row: EvaluationRow, cached: boolean): string[] {
  const status = row.status === "passed" ? pc.green(row.status) : pc.red(row.status);
  const cost = row.costUsd === null ? "?" : `$${row.costUsd.toFixed(4)}`;
  return [
    row.taskId,
    status,
    `${row.testsPassed}/${row.testsTotal}`,
    `${(row.durationMs / 1000).toFixed(1)}s`,
    String(row.tokens),
    cost,
    cached ? "cached" : "",
  ];
}

function registerEval(program: Command): void {
  program
    .command("eval")
    .description("evaluate an agent on a task suite (the same gate, containers and grading as an evolution run)")
    .argument("<agent>", AGENT_REF_FORMS)
    .option("--suite <suite>", SUITE_FORMS, "builtin:small")
    .option("--model <spec>", "solve model: sim (default), openai:<model>, replay:<runId>")
    .option("--config <file>", "configuration file (default: ./dgm.config.json when present)")
    .option("--seed <n>", "seed (the simulator's and the cache key's)", wholeNumber, 0)
    .option("--workers <n>", "tasks at once (default: one per core)", positiveInt)
    .option("--wall-seconds <n>", "agent wall time per task (default: the task's own limit)", positiveInt)
    .option("--json", "print JSON")
    .action(
      async (
        agentRef: string,
        opts: {
          suite: string;
          model?: string;
          config?: string;
          seed: number;
          workers?: number;
          wallSeconds?: number;
          json?: boolean;
        },
        command: Command,
      ) => {
        await withArchive(
          command,
          async (archive) => {
            const { workers } = opts;
            const rows: string[][] = [];
            const result = await evaluateOnSuite({
              archive,
              agentRef,
              suite: opts.suite,
              model: opts.model,
              configFile: opts.config,
              seed: opts.seed,
              workers,
              slots: workers ? new ContainerSlots(workers) : undefined,
              limits: opts.wallSeconds ? { wallSeconds: opts.wallSeconds } : undefined,
              onProgress: opts.json ? undefined : (message) => process.stderr.write(`${pc.dim(message)}\n`),
              onResult: (row, info) => {
                rows.push(resultLine(row, info.cached));
                if (!opts.json)
                  process.stderr.write(`${row.status === "passed" ? pc.green("✓") : pc.red("✗")} ${row.taskId}\n`);
              },
            });
            const solved = result.results.filter((row) => row.status === "passed").length;
            const score = result.scores[result.stage] ?? 0;
            // A model that refuses every call (a bad key, an unknown model): no score, say why and how to fix it.
            if (result.haltedBy) process.exitCode = 1;
            if (opts.json) {
              return printJson({
                ...(result.haltedBy ? { error: result.haltedBy } : {}),
                runId: result.runId,
                agentId: result.agent.id,
                suite: opts.suite,
                stage: result.stage,
                score,
                solved,
                total: result.taskCount,
                results: result.results,
              });
            }
            rows.sort((a, b) => (a[0] ?? "").localeCompare(b[0] ?? ""));
            console.log(formatTable(["task", "status", "tests", "time", "tokens", "cost", ""], rows));
            const errors = result.results.filter((row) => row.status === "error");
            for (const line of new Set(errors.map((row) => row.warnings[0] ?? row.testOutput.split("\n")[0] ?? "")))
              console.log(pc.red(`error: ${line}`));
            const spent = archive.costOf({ runId: result.runId });
            const note = estimateNote(spent.estimatedCalls, spent.calls);
            console.log(
              `model calls ${spent.calls} · ${(spent.promptTokens + spent.completionTokens).toLocaleString("en")} tokens${cachedNote(spent.cachedTokens)} · ${formatCost(spent.costUsd, spent.estimatedCalls)}`,
            );
            if (note) console.log(pc.dim(note));
            if (result.haltedBy) {
              console.log(pc.red(`\nnot scored: ${result.haltedBy}`));
              return;
            }
            console.log(
              `\nscore ${pc.bold(score.toFixed(2))} (${solved}/${result.taskCount} solved) · agent ${result.agent.id} · run ${result.runId} · stage ${result.stage}`,
            );
          },
          { create: true },
        );
      },
    );
}

export function registerEvalCommands(program: Command): void {
  registerEval(program);
  registerTasks(program);
}
