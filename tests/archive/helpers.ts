// Shared fixtures for the archive tests: a fresh home per test, and rows with sensible defaults.
import { writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { callerIdentity, type NewEvaluation, type NewModelCall } from "../../archive/index.ts";
import { removeDir, tempDir as sharedTempDir } from "../support/temp.ts";

/** A temp home (see tests/support/temp.ts: removed even if the test fails), removable earlier by hand. */
export function tempDir(prefix = "archive"): { path: string; remove(): void } {
  const path = sharedTempDir(prefix);
  return { path, remove: () => removeDir(path) };
}

export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export function evaluation(
  overrides: Partial<NewEvaluation> & Pick<NewEvaluation, "agentId" | "runId">,
): NewEvaluation {
  return {
    taskId: "task-1",
    suite: "builtin",
    stage: "small",
    status: "passed",
    testsPassed: 3,
    testsTotal: 3,
    durationMs: 1200,
    costUsd: 0.01,
    tokens: 500,
    patch: "--- a/x\n+++ b/x\n",
    patchHash: "abc",
    warnings: [],
    trajectoryRef: null,
    testOutput: "ok",
    cacheKey: "key-1",
    ...overrides,
  };
}

export function modelCall(overrides: Partial<NewModelCall> = {}): NewModelCall {
  return {
    caller: callerIdentity({ purpose: "solve", sessionId: "s1" }),
    role: "solve",
    provider: "scripted",
    model: "m",
    requestHash: "h1",
    seq: 0,
    request: { messages: [{ role: "user", content: "hi" }] },
    response: { content: "hello" },
    promptTokens: 10,
    completionTokens: 5,
    costUsd: 0.001,
    latencyMs: 12,
    error: null,
    ...overrides,
  };
}
