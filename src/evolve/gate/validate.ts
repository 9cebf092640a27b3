// The validation gate for any agent: typecheck, bundle and the agent's own tests (inside one hardened
// container, see evaluator's buildAgent), then a smoke run in the sandbox against a scripted model. The first failing
// stage ends the check with a precise reason; the host never compiles or executes agent code itself.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { CallerIdentity } from "../../../archive/index.ts";
import { type AgentGate, buildAgent } from "../../../evaluator/index.ts";
import type { Sandbox } from "../../../sandbox/index.ts";
import { smokeTestAgent } from "./smoke.ts";
import type { GateResult, ModelCallRecorder } from "./types.ts";

export interface ValidateAgentOptions {
  /** The agent's source tree (tsconfig.json, src/main.ts, …). */
  sourceDir: string;
  sandbox: Sandbox;
  /** Directory for the bundle (created); the bundle is `<bundleDir>/agent.mjs`. */
  bundleDir: string;
  /** Where the smoke run's scripted model calls are recorded (the run's archive). */
  recorder?: ModelCallRecorder;
  identity?: Partial<CallerIdentity>;
  /**
   * Aborted: no further stage starts and the gate throws the signal's reason instead of a verdict, since
   * a stage cut short says nothing about the agent (a killed smoke run must not make the agent invalid).
   */
  signal?: AbortSignal;
}

export async function validateAgent(options: ValidateAgentOptions): Promise<GateResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  await mkdir(options.bundleDir, { recursive: true });
  const bundleFile = join(options.bundleDir, "agent.mjs");
  const labels = {
    ...(options.identity?.runId ? { run: options.identity.runId } : {}),
    ...(options.identity?.agentId ? { agent: options.identity.agentId } : {}),
  };
  const built = await buildAgent({
    sandbox: options.sandbox,
    sourceDir: options.sourceDir,
    outFile: bundleFile,
    labels,
    runTests: true,
  });
  signal?.throwIfAborted();
  if (!built.ok) return built;

  const started = performance.now();
  const smoke = await smokeTestAgent({
    sandbox: options.sandbox,
    bundleFile,
    ...(options.recorder ? { recorder: options.recorder } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
    signal,
  });
  signal?.throwIfAborted();
  if (!smoke.ok) return { ok: false, stage: "smoke", reason: smoke.reason };
  return {
    ok: true,
    bundleFile,
    durationsMs: {
      ...built.durationsMs,
      tests: built.durationsMs.tests ?? 0,
      smoke: Math.round(performance.now() - started),
    },
    notes: built.testsNote ? [`tests: ${built.testsNote}`] : [],
  };
}

/** The gate as the commands that run an agent take it (`dgm eval`, `dgm agent run`): same stages, no archive. */
export function agentGate(sandbox: Sandbox): AgentGate {
  return (sourceDir, bundleDir) => validateAgent({ sourceDir, sandbox, bundleDir });
}
