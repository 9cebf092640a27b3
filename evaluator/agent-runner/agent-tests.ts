// The gate's "tests" stage: the agent's own tests (test/**/*.test.ts), run inside the build container by
// the toolchain's agent-tests script — the same one `agent-check` runs, so an agent that checked itself
// gets the gate's verdict. Everything read back is the agent's output: parsed as data, flattened to one
// line without control characters, and capped before it becomes a reason.
import { type ExecResult, type SandboxSession, TOOLCHAIN_AGENT_TESTS_SCRIPT } from "../../sandbox/index.ts";

export type AgentTestsResult =
  | { ok: true; files: number; passed: number; note: string }
  | { ok: false; reason: string };

/** A gate reason stays readable on a terminal and in a table row. */
const REASON_CHARS = 500;
const OUTPUT_BYTES = 64 * 1024;

export async function runAgentTestsIn(
  session: SandboxSession,
  sourceDir: string,
  scratchDir: string,
  timeoutMs: number,
): Promise<AgentTestsResult> {
  const result = await session.exec({
    cmd: ["node", TOOLCHAIN_AGENT_TESTS_SCRIPT, sourceDir, scratchDir],
    cwd: sourceDir,
    timeoutMs,
    maxOutputBytes: OUTPUT_BYTES,
  });
  return agentTestsVerdict(result, timeoutMs);
}

/** The script's exit and last stdout line ({"ok":…}) → the stage's verdict. Both must agree to pass. */
export function agentTestsVerdict(
  result: Pick<ExecResult, "status" | "exitCode" | "stdout" | "stderr">,
  timeoutMs: number,
): AgentTestsResult {
  if (result.status === "timeout") return { ok: false, reason: `tests timed out after ${timeoutMs / 1000}s` };
  if (result.status !== "ok") return { ok: false, reason: `tests ended by ${result.status}` };
  const verdict = parseVerdict(result.stdout);
  if (!verdict) {
    const tail = [result.stdout, result.stderr].join("\n").trim().split("\n").slice(-3).join(" ");
    return { ok: false, reason: oneLine(`tests ended without a verdict (exit code ${result.exitCode}): ${tail}`) };
  }
  if (verdict.ok && result.exitCode === 0) {
    const note =
      verdict.files === 0
        ? "no test files (test/**/*.test.ts): nothing to run"
        : `${verdict.passed} passed in ${verdict.files} file${verdict.files === 1 ? "" : "s"}`;
    return { ok: true, files: verdict.files, passed: verdict.passed, note };
  }
  const first = verdict.failures[0];
  if (first) {
    const at = first.where ? ` at ${first.where}` : "";
    const more = verdict.failed > 1 ? ` (${verdict.failed} failing in all)` : "";
    return { ok: false, reason: oneLine(`test "${first.test}" failed${at}: ${first.message}${more}`) };
  }
  if (verdict.errors.length > 0)
    return { ok: false, reason: oneLine(`the tests do not bundle: ${verdict.errors.join("; ")}`) };
  return { ok: false, reason: `tests failed (exit code ${result.exitCode}) without naming a failing test` };
}

interface Failure {
  test: string;
  where: string | null;
  message: string;
}

interface Verdict {
  ok: boolean;
  files: number;
  passed: number;
  failed: number;
  failures: Failure[];
  errors: string[];
}

const text = (value: unknown): string => (typeof value === "string" ? value : "");
const count = (value: unknown): number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : 0;

function parseVerdict(stdout: string): Verdict | undefined {
  const line = stdout.trim().split("\n").at(-1) ?? "";
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || !("ok" in parsed) || typeof parsed.ok !== "boolean")
    return undefined;
  const record = parsed as Record<string, unknown>;
  const failures = (Array.isArray(record.failures) ? record.failures : [])
    .filter((failure): failure is Record<string, unknown> => typeof failure === "object" && failure !== null)
    .map((failure) => ({
      test: text(failure.test),
      where: text(failure.where) || null,
      message: text(failure.message),
    }));
  const errors = (Array.isArray(record.errors) ? record.errors : []).filter(
    (error): error is string => typeof error === "string",
  );
  return {
    ok: parsed.ok,
    files: count(record.files),
    passed: count(record.passed),
    failed: count(record.failed),
    failures,
    errors,
  };
}

/** Control characters (terminal escapes included) become spaces; whitespace runs collapse; capped. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them from hostile output is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]+/g;

function oneLine(reason: string): string {
  const flat = reason.replace(controlCharacters, " ").replace(/\s+/g, " ").trim();
  return flat.length > REASON_CHARS ? `${flat.slice(0, REASON_CHARS - 3)}...` : flat;
}
