// Pools over the test engines, and a scripted evaluation to run on them: what the engine-pool tests
// share. The pool is built from a real "sandbox" config section, so the parsing is exercised too.
import { join } from "node:path";
import { type Archive, openArchive } from "../../archive/index.ts";
import { buildAgent } from "../../evaluator/agent-runner/index.ts";
import {
  ContainerSlots,
  type EvaluateAgentResult,
  evaluateAgent,
  loadSuite,
  type Task,
} from "../../evaluator/index.ts";
import {
  DockerSandbox,
  Engine,
  EnginePool,
  parseEngineSection,
  type Sandbox,
  type SandboxSession,
} from "../../sandbox/index.ts";
import {
  type CallContext,
  createGateway,
  createPricing,
  createScriptedProvider,
  type ScriptStep,
} from "../../src/llm/index.ts";
import type { TestEngine } from "./second-engine.ts";

const seedDir = new URL("../../agents/seed/", import.meta.url).pathname;

/** A pool of the main engine ("local", bind-mounting) and each given engine over TCP+TLS ("box2", "box3"…). */
export function poolOf(options: { local?: boolean; slots?: number; remotes: TestEngine[] }): EnginePool {
  const slots = options.slots ?? 2;
  const engines: unknown[] = options.local === false ? [] : [{ name: "local", slots }];
  options.remotes.forEach((engine, index) => {
    engines.push({ name: `box${index + 2}`, host: engine.tcpHost, tls: engine.tls, slots });
  });
  const specs = parseEngineSection({ engines }, { source: "test", baseDir: "/", localSlots: slots });
  return new EnginePool(specs.map((spec) => new Engine(spec)));
}

/** A sandbox that notes the engine of every session it starts (ours, around the real one). */
export function recordingSandbox(pool: EnginePool): { sandbox: Sandbox; engines: string[] } {
  const real = new DockerSandbox(pool);
  const engines: string[] = [];
  return {
    engines,
    sandbox: {
      async startSession(options): Promise<SandboxSession> {
        const session = await real.startSession(options);
        engines.push(session.engine);
        return session;
      },
      prune: (filter) => real.prune(filter),
    },
  };
}

/** Six small built-in tasks: the scripted model solves the first four and answers the last two wrongly. */
export function evaluationTasks(): Task[] {
  const ids = [
    "fn-js-run-length",
    "fn-py-balanced-brackets",
    "fn-js-format-bytes",
    "fn-py-number-words",
    "fn-js-case-convert",
    "fn-py-shortest-route",
  ];
  return ids.map((id) => {
    const [task] = loadSuite(`builtin:${id}`);
    if (!task) throw new Error(`no built-in task ${id}`);
    return task;
  });
}

/**
 * The scripted model: on each task, an optional `sleep` first (so that a test can act while an agent
 * runs), then the reference solution for the first four tasks and an empty solution for the others.
 */
export function solvingScript(tasks: Task[], sleepSeconds = 0): Record<string, ScriptStep[]> {
  const solvable = new Set(tasks.slice(0, 4).map((task) => task.qualifiedId));
  const byId = new Map(tasks.map((task) => [task.qualifiedId, task]));
  const write = (_request: unknown, context: CallContext): ScriptStep => {
    const task = byId.get(context.caller.taskId ?? "");
    if (!task) throw new Error(`unexpected task ${context.caller.taskId}`);
    const text = (path: string) => (solvable.has(task.qualifiedId) ? (task.reference[path]?.toString() ?? "") : "");
    return {
      toolCalls: task.manifest.solutionFiles.map((path) => ({
        name: "editor",
        arguments: { command: "create", path, file_text: text(path) },
      })),
    };
  };
  const sleep: ScriptStep = { toolCalls: [{ name: "bash", arguments: { command: `sleep ${sleepSeconds}` } }] };
  return { default: sleepSeconds > 0 ? [sleep, write, "done"] : [write, "done"] };
}

export interface ScriptedEvaluation {
  archive: Archive;
  result: EvaluateAgentResult;
  runId: string;
  agentId: string;
  close(): Promise<void>;
}

/** Builds the seed agent and evaluates it on `tasks` through `sandbox`, with the scripted model behind the real gateway. */
export async function evaluateScripted(options: {
  sandbox: Sandbox;
  tasks: Task[];
  home: string;
  containers: number;
  sleepSeconds?: number;
}): Promise<ScriptedEvaluation> {
  const archive = await openArchive(join(options.home, "archive"));
  const gateway = createGateway({
    archive: { recordModelCall: (call) => archive.recordModelCall(call) },
    providers: { solve: createScriptedProvider({ scripts: solvingScript(options.tasks, options.sleepSeconds) }) },
    pricing: createPricing(),
    retry: { maxAttempts: 1 },
  });
  const bundle = await buildAgent({
    sandbox: options.sandbox,
    sourceDir: seedDir,
    outFile: join(options.home, "seed.mjs"),
  });
  if (!bundle.ok) throw new Error(`${bundle.stage}: ${bundle.reason}`);
  const runId = archive.createRun({ config: { test: "engines" }, seed: 1 }).id;
  const imported = await archive.store.importDir(seedDir, "seed");
  const agentId = archive.createAgent({
    runId,
    parentId: null,
    commit: "0".repeat(40),
    tree: imported.tree,
    generation: 0,
  }).id;
  const result = await evaluateAgent({
    archive,
    sandbox: options.sandbox,
    gateway,
    agent: { id: agentId, tree: imported.tree, bundleFile: bundle.outFile },
    runId,
    stages: [{ name: "small", tasks: options.tasks }],
    seed: 1,
    modelKey: "scripted",
    slots: new ContainerSlots(options.containers),
    limits: { wallSeconds: 60, graceSeconds: 10 },
  });
  return {
    archive,
    result,
    runId,
    agentId,
    close: async () => {
      await gateway.close();
      archive.close();
    },
  };
}
