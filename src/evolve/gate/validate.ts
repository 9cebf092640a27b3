// The validation gate for any agent commit: typecheck (tsc with the agent's tsconfig, on the host),
// bundle (esbuild → one .mjs, on the host), smoke run (in the sandbox, scripted model). The first
// failing stage ends the check with a precise reason; the host never executes agent code itself.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { CallerIdentity } from "../../../archive/types.ts";
import { bundleAgent } from "../../../evaluator/index.ts";
import type { Sandbox } from "../../../sandbox/types.ts";
import { smokeTestAgent } from "./smoke.ts";
import { typecheckAgent } from "./typecheck.ts";
import type { GateResult, GateStage, ModelCallRecorder } from "./types.ts";

export interface ValidateAgentOptions {
  /** The agent's source tree (tsconfig.json, src/main.ts, …). */
  sourceDir: string;
  sandbox: Sandbox;
  /** Directory for the bundle (created); the bundle is `<bundleDir>/agent.mjs`. */
  bundleDir: string;
  /** Where the smoke run's scripted model calls are recorded (the run's archive). */
  recorder?: ModelCallRecorder;
  identity?: Partial<CallerIdentity>;
  /** Skip the sandboxed smoke run (only for callers that run the agent right after anyway). */
  skipSmoke?: boolean;
}

export async function validateAgent(options: ValidateAgentOptions): Promise<GateResult> {
  const durationsMs: Record<GateStage, number> = { typecheck: 0, bundle: 0, smoke: 0 };
  const timed = async <T>(stage: GateStage, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      durationsMs[stage] = Math.round(performance.now() - started);
    }
  };

  const typecheck = await timed("typecheck", () => typecheckAgent(options.sourceDir));
  if (!typecheck.ok) return { ok: false, stage: "typecheck", reason: typecheck.reason };

  await mkdir(options.bundleDir, { recursive: true });
  const bundleFile = join(options.bundleDir, "agent.mjs");
  const bundle = await timed("bundle", () => bundleAgent(options.sourceDir, bundleFile));
  if (!bundle.ok) return { ok: false, stage: "bundle", reason: bundle.reason };

  if (!options.skipSmoke) {
    const smoke = await timed("smoke", () =>
      smokeTestAgent({
        sandbox: options.sandbox,
        bundleFile,
        ...(options.recorder ? { recorder: options.recorder } : {}),
        ...(options.identity ? { identity: options.identity } : {}),
      }),
    );
    if (!smoke.ok) return { ok: false, stage: "smoke", reason: smoke.reason };
  }
  return { ok: true, bundleFile, durationsMs };
}
