// Stage 3 of the gate: run the bundled agent in the sandbox on a trivial task with a scripted model.
// The script adapts to the tools the agent declares (an evolved agent may rename or reshape them):
// it writes the file with `editor` create if there is one, else with `bash`. The agent passes if it
// ran, exited 0, left the file with the exact content and wrote a trajectory.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CallerIdentity, callerIdentity } from "../../../archive/index.ts";
import { runAgentInSession } from "../../../evaluator/index.ts";
import { readTextInside, type Sandbox, UnsafePathError } from "../../../sandbox/index.ts";
import { createGateway, createPricing, createScriptedProvider, type ScriptStep } from "../../llm/index.ts";
import type { ChatRequest, ModelCallRecorder, StageResult } from "./types.ts";

export const SMOKE_FILE = "hello.txt";
export const SMOKE_CONTENT = "hello from the dgm gate\n";
const SMOKE_INSTRUCTIONS = `Create the file ${SMOKE_FILE} in the workspace containing exactly the line: hello from the dgm gate`;

function toolNames(request: ChatRequest): string[] {
  return (request.tools ?? []).map((tool) => tool.function.name);
}

const writeStep = (request: ChatRequest): ScriptStep => {
  const names = toolNames(request);
  if (names.includes("editor")) {
    return {
      toolCalls: [{ name: "editor", arguments: { command: "create", path: SMOKE_FILE, file_text: SMOKE_CONTENT } }],
    };
  }
  if (names.includes("bash")) {
    return {
      toolCalls: [{ name: "bash", arguments: { command: `printf 'hello from the dgm gate\\n' > ${SMOKE_FILE}` } }],
    };
  }
  return "The agent declared neither an editor nor a bash tool, so the smoke script cannot write the file.";
};

/** Used when no archive is given (e.g. `dgm agent run`'s own checks): the calls are free and scripted. */
const discardCalls: ModelCallRecorder = {
  recordModelCall: (call) => ({
    ...call,
    cachedTokens: call.cachedTokens ?? 0,
    usageEstimated: call.usageEstimated ?? false,
    id: "discarded",
    createdAt: new Date().toISOString(),
  }),
};

export interface SmokeOptions {
  sandbox: Sandbox;
  bundleFile: string;
  /** Where the smoke calls are recorded (the run's archive); discarded when absent. */
  recorder?: ModelCallRecorder;
  identity?: Partial<CallerIdentity>;
  wallSeconds?: number;
  /** Aborted: the smoke run does not start, or ends as killed (see runAgent). */
  signal?: AbortSignal;
}

export async function smokeTestAgent(options: SmokeOptions): Promise<StageResult> {
  const sessionId = `smoke-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const gateway = createGateway({
    archive: options.recorder ?? discardCalls,
    providers: { solve: createScriptedProvider({ scripts: { [sessionId]: [writeStep, "Done.", "Done.", "Done."] } }) },
    pricing: createPricing(),
    retry: { maxAttempts: 1 },
  });
  const identity = callerIdentity({ ...options.identity, purpose: "smoke", sessionId });
  const workspace = await mkdtemp(join(tmpdir(), "dgm-smoke-ws-"));
  try {
    const { run } = await runAgentInSession({
      sessions: gateway,
      identity,
      sessionLimits: { maxCalls: 10 },
      sandbox: options.sandbox,
      bundleFile: options.bundleFile,
      workspaceDir: workspace,
      instructions: SMOKE_INSTRUCTIONS,
      limits: { wallSeconds: options.wallSeconds ?? 30, maxSteps: 5 },
      labels: {
        purpose: "gate",
        ...(identity.runId ? { run: identity.runId } : {}),
        ...(identity.agentId ? { agent: identity.agentId } : {}),
      },
      graceSeconds: 10,
      signal: options.signal,
    });
    const stderr = run.stderrTail.trim().split("\n").slice(-8).join("\n");
    try {
      if (run.status !== "ok")
        return { ok: false, reason: `smoke run ended by ${run.status} after ${run.durationMs} ms` };
      if (run.exitCode !== 0) {
        return {
          ok: false,
          reason: `smoke run exited with code ${run.exitCode}${stderr ? `; stderr: ${stderr}` : ""}`,
        };
      }
      if (!run.trajectory.trim())
        return { ok: false, reason: "smoke run wrote no trajectory (expected <out>/trajectory.jsonl)" };
      // Read as a regular file only: a hello.txt linked to a host file must not echo it into the reason.
      const written = await readTextInside(run.workspaceOutDir, SMOKE_FILE, 4096).catch((error: unknown) => error);
      if (written instanceof UnsafePathError)
        return { ok: false, reason: `smoke run exited 0 but ${SMOKE_FILE} is not usable: ${written.message}` };
      if (typeof written !== "string") throw written;
      if (written !== SMOKE_CONTENT) {
        return {
          ok: false,
          reason: `smoke run wrote ${SMOKE_FILE} with ${JSON.stringify(written.slice(0, 80))}, expected ${JSON.stringify(SMOKE_CONTENT)}`,
        };
      }
      return { ok: true };
    } finally {
      if (run.workspaceOutDir) await rm(run.workspaceOutDir, { recursive: true, force: true });
    }
  } finally {
    await gateway.close();
    await rm(workspace, { recursive: true, force: true });
  }
}
