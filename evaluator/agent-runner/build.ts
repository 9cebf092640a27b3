// Compiling an agent: typecheck (tsc with the agent's tsconfig), bundle (esbuild → one .mjs) and, for the
// gate, the agent's own tests — all inside one hardened container with the toolchain mounted read-only
// (one container start per child, not two). The tests run only after agent.mjs has been copied out, so
// test code cannot touch the bundle the host keeps. An agent's tsconfig and imports
// are hostile (`tsBuildInfoFile` aimed at a host file, `extends` or a text import of /etc/shadow or
// /proc/self/environ): in a container they can only reach the container's own empty world. The host
// copies in a tree of regular files and takes back one regular file, agent.mjs, under a size cap.
import { lstat, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  type CopyOutPolicy,
  type ExecResult,
  prepareToolchain,
  readFileInside,
  type Sandbox,
  type SandboxSession,
  type SessionLabels,
  TOOLCHAIN_BUNDLE_SCRIPT,
  TOOLCHAIN_TSC,
  TOOLCHAIN_TYPE_ROOTS,
  UnsafePathError,
} from "../../sandbox/index.ts";
import { runAgentTestsIn } from "./agent-tests.ts";
import { typecheckVerdict } from "./tsc-errors.ts";

export type BuildStage = "typecheck" | "bundle" | "tests";

/** Milliseconds per stage; `tests` only when they were asked for. */
export type BuildDurations = Record<"typecheck" | "bundle", number> & { tests?: number };

export type BuildResult =
  | {
      ok: true;
      outFile: string;
      bytes: number;
      durationsMs: BuildDurations;
      /** What the tests stage found, when it ran (e.g. "4 passed in 1 file", or that there are none). */
      testsNote?: string;
    }
  | { ok: false; stage: BuildStage; reason: string };

export interface BuildAgentOptions {
  sandbox: Sandbox;
  /** The agent's source tree (tsconfig.json, src/main.ts, …): regular files only. */
  sourceDir: string;
  /** Where agent.mjs is written on the host (its directory must exist). */
  outFile: string;
  labels?: Omit<SessionLabels, "purpose">;
  /** Also run the agent's own tests (every *.test.ts under test/) after the bundle: the gate does; rebuilding an archived agent's bundle does not. */
  runTests?: boolean;
  /** Deadline of each step (typecheck, bundle, tests). */
  timeoutMs?: number;
}

const SOURCE = "/workspace/agent";
const OUT = "/out";
/** Where the tests' bundles go: /tmp, not /out, whose contents are copied back as the agent's bundle. */
const TESTS_SCRATCH = "/tmp/agent-tests";
const MiB = 1024 * 1024;
/** A seed bundle is ~100 KB; an agent that inlines megabytes of data is up to something. */
const BUNDLE_POLICY: CopyOutPolicy = { symlinks: "refuse", maxBytes: 16 * MiB, maxEntries: 4 };
const OUTPUT_BYTES = 64 * 1024;

export async function buildAgent(options: BuildAgentOptions): Promise<BuildResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  // Checked on the host (lstat: a link is left for the copy to refuse) before a container starts for nothing.
  if (!(await lstat(join(options.sourceDir, "tsconfig.json")).catch(() => undefined)))
    return {
      ok: false,
      stage: "typecheck",
      reason: "no tsconfig.json at the agent's root (the agent contract requires one)",
    };
  const toolchain = await prepareToolchain();
  const durationsMs: BuildDurations = { typecheck: 0, bundle: 0 };
  let started = performance.now();
  const session = await options.sandbox.startSession({
    labels: { ...options.labels, purpose: "gate" },
    trees: [toolchain.tree],
    tmpfs: { [OUT]: BUNDLE_POLICY.maxBytes * 2 },
    env: { PATH: toolchain.path, LANG: "C.UTF-8", NODE_OPTIONS: "" },
  });
  try {
    try {
      await session.copyIn(options.sourceDir, SOURCE, { links: "refuse" });
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === undefined) throw error;
      return { ok: false, stage: "typecheck", reason: `the agent's tree is refused: ${refusal}` };
    }
    const typecheck = await typecheckIn(session, timeoutMs);
    durationsMs.typecheck = Math.round(performance.now() - started);
    if (!typecheck.ok) return { ok: false, stage: "typecheck", reason: typecheck.reason };

    started = performance.now();
    const bundled = await bundleIn(session, options.outFile, timeoutMs);
    durationsMs.bundle = Math.round(performance.now() - started);
    if (!bundled.ok) return { ok: false, stage: "bundle", reason: bundled.reason };
    if (!options.runTests) return { ok: true, outFile: options.outFile, bytes: bundled.bytes, durationsMs };

    started = performance.now();
    const tests = await runAgentTestsIn(session, SOURCE, TESTS_SCRATCH, timeoutMs);
    durationsMs.tests = Math.round(performance.now() - started);
    if (!tests.ok) return { ok: false, stage: "tests", reason: tests.reason };
    return { ok: true, outFile: options.outFile, bytes: bundled.bytes, durationsMs, testsNote: tests.note };
  } finally {
    await session.destroy();
  }
}

type StepResult = { ok: true } | { ok: false; reason: string };

async function typecheckIn(session: SandboxSession, timeoutMs: number): Promise<StepResult> {
  const result = await session.exec({
    cmd: ["node", TOOLCHAIN_TSC, "-p", "tsconfig.json", "--noEmit", "--pretty", "false"].concat([
      "--typeRoots",
      TOOLCHAIN_TYPE_ROOTS,
    ]),
    cwd: SOURCE,
    timeoutMs,
    maxOutputBytes: OUTPUT_BYTES,
  });
  if (result.status === "timeout") return { ok: false, reason: `typecheck timed out after ${timeoutMs / 1000}s` };
  if (result.status !== "ok") return { ok: false, reason: `typecheck ended by ${result.status}` };
  return typecheckVerdict(result.exitCode, outputOf(result));
}

async function bundleIn(
  session: SandboxSession,
  outFile: string,
  timeoutMs: number,
): Promise<{ ok: true; bytes: number } | { ok: false; reason: string }> {
  const result = await session.exec({
    cmd: ["node", TOOLCHAIN_BUNDLE_SCRIPT, SOURCE, `${OUT}/agent.mjs`],
    cwd: SOURCE,
    timeoutMs,
    maxOutputBytes: OUTPUT_BYTES,
  });
  if (result.status !== "ok") return { ok: false, reason: `bundle ended by ${result.status}` };
  const verdict = parseVerdict(result.stdout);
  if (!verdict) return { ok: false, reason: `bundle failed: ${outputOf(result).trim().slice(-500)}` };
  if (!verdict.ok) return { ok: false, reason: `bundle failed: ${verdict.errors.join("; ")}` };

  const scratch = await mkdtemp(join(dirname(outFile), ".bundle-"));
  try {
    await session.copyOut(OUT, scratch, BUNDLE_POLICY);
    const bytes = await readFileInside(scratch, "agent.mjs", BUNDLE_POLICY.maxBytes);
    const partial = `${outFile}.${process.pid}.tmp`;
    await writeFile(partial, bytes);
    await rename(partial, outFile);
    return { ok: true, bytes: bytes.length };
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal === undefined) throw error;
    return { ok: false, reason: `the bundle is refused: ${refusal}` };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

type Verdict = { ok: true } | { ok: false; errors: string[] };

/** The bundle script's last stdout line: {"ok":true,…} or {"ok":false,"errors":[…]}. */
function parseVerdict(stdout: string): Verdict | undefined {
  const line = stdout.trim().split("\n").at(-1) ?? "";
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== "object" || parsed === null || !("ok" in parsed)) return undefined;
    if (parsed.ok === true) return { ok: true };
    const errors = "errors" in parsed && Array.isArray(parsed.errors) ? parsed.errors : [];
    return { ok: false, errors: errors.filter((error): error is string => typeof error === "string").slice(0, 5) };
  } catch {
    return undefined;
  }
}

function outputOf(result: ExecResult): string {
  return [result.stdout, result.stderr].filter(Boolean).join("\n");
}

/** What the host refused (a link, a cap), whether thrown directly or wrapped by a copy; undefined for any other failure. */
function refusalOf(error: unknown): string | undefined {
  if (error instanceof UnsafePathError) return error.message;
  if (error instanceof Error && error.cause instanceof UnsafePathError) return error.cause.message;
  return undefined;
}
