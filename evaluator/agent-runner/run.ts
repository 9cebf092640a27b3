// Runs an agent bundle on a workspace in one hardened sandbox session: the workspace is copied in,
// the bundle and the gateway socket are made reachable read-only (mounted or copied and tunnelled), the agent runs under a hard deadline, and
// the resulting workspace and outputs are copied out. The container is destroyed on every path.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CopyOutPolicy,
  type ExecStatus,
  type ImageDir,
  NODE_RUNTIME_BIN,
  prepareNodeRuntime,
  prepareToolchain,
  readFileInside,
  type Sandbox,
  type SandboxLimits,
  type SandboxSession,
  type SessionLabels,
} from "../../sandbox/index.ts";

export interface AgentLimits {
  /** Wall-clock seconds the agent is told it has; the host kills it `graceSeconds` later. */
  wallSeconds: number;
  maxSteps?: number;
  maxTokensPerCall?: number;
}

export interface RunAgentOptions {
  sandbox: Sandbox;
  /** The gateway session's socket on the host, reached at /gateway/gateway.sock inside. */
  gatewaySocketPath: string;
  /** The bundled agent (one .mjs), read-only at /agent/agent.mjs. */
  bundleFile: string;
  /** Host directory copied into /workspace; never modified. */
  workspaceDir?: string;
  /**
   * Instead of a host directory: the workspace is a directory of the image itself (the repository an
   * environment image ships, e.g. SWE-bench's /testbed), made writable where it is. Nothing is copied
   * out: `afterRun` reads what the caller needs from the session.
   */
  imageWorkspace?: ImageDir;
  /** Runs in the session once the workspace is in place, before the agent starts (e.g. to commit the repository's base). */
  beforeRun?: (session: SandboxSession) => Promise<void>;
  /** Runs in the session after the agent stopped, before the container goes (e.g. to diff the repository). */
  afterRun?: (session: SandboxSession) => Promise<void>;
  /** Carry this machine's node into the container (for images that have none). */
  nodeRuntime?: boolean;
  /** More environment for the agent; its PATH goes between node's and the system's. */
  env?: Record<string, string>;
  instructions: string;
  limits: AgentLimits;
  labels: SessionLabels;
  /** The sandbox image (a task's language image); the base sandbox image when absent. */
  image?: string;
  /** Give the agent tsc, esbuild and agent-check, read-only (for self-improvement). */
  toolchain?: boolean;
  /** Where the final /workspace is copied (created); a fresh temp dir by default. */
  workspaceOutDir?: string;
  sandboxLimits?: Partial<SandboxLimits>;
  /** Extra seconds past wallSeconds before the host kills the agent (default 30). */
  graceSeconds?: number;
  /**
   * Aborted: no container starts, and one that started while the abort came is removed at once; the
   * run ends as "killed". (A container already running is the aborter's to remove, e.g. sandbox.prune.)
   */
  signal?: AbortSignal;
}

export interface AgentRunResult {
  exitCode: number | null;
  status: ExecStatus;
  durationMs: number;
  /** The agent's trajectory.jsonl ("" when it wrote none). */
  trajectory: string;
  /** Host directory holding the workspace as the agent left it ("" if it could not be copied out). */
  workspaceOutDir: string;
  stdoutTail: string;
  stderrTail: string;
  /** Problems copying results out (the run itself may still have succeeded). */
  warnings: string[];
}

const TAIL_CHARS = 4000;
const AGENT_BUNDLE_PATH = "/agent/agent.mjs";
/** Where the agent contract says the gateway is (the agent's --gateway). */
const GATEWAY_SOCKET_PATH = "/gateway/gateway.sock";
const MiB = 1024 * 1024;
/** The workspace tmpfs holds up to 1 GiB; the host takes back far less (a diff and a grading copy follow). */
export const WORKSPACE_COPY_POLICY: CopyOutPolicy = { symlinks: "inside", maxBytes: 256 * MiB, maxEntries: 100_000 };
/** /io is a 64 MiB tmpfs; only the trajectory is read from it. */
const IO_OUT_COPY_POLICY: CopyOutPolicy = { symlinks: "refuse", maxBytes: 64 * MiB, maxEntries: 1_000 };
const DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
const tail = (text: string): string => (text.length > TAIL_CHARS ? text.slice(-TAIL_CHARS) : text);

/** The result of a run the abort ended before the agent started: nothing ran, nothing to copy out. */
function killedBeforeStart(): AgentRunResult {
  return {
    exitCode: null,
    status: "killed",
    durationMs: 0,
    trajectory: "",
    workspaceOutDir: "",
    stdoutTail: "",
    stderrTail: "",
    warnings: ["aborted before the agent started"],
  };
}

export async function runAgent(options: RunAgentOptions): Promise<AgentRunResult> {
  if (options.signal?.aborted) return killedBeforeStart();
  const toolchain = options.toolchain ? await prepareToolchain() : undefined;
  const runtime = options.nodeRuntime ? await prepareNodeRuntime() : undefined;
  // node first, then the environment's own tools (a conda env's python before the system's), then the usual.
  const path = [runtime ? NODE_RUNTIME_BIN : "", options.env?.PATH ?? "", toolchain?.path ?? DEFAULT_PATH]
    .filter(Boolean)
    .join(":");
  const workspace = options.imageWorkspace?.path ?? "/workspace";
  const session = await options.sandbox.startSession({
    labels: options.labels,
    ...(options.image ? { image: options.image } : {}),
    ...(options.sandboxLimits ? { limits: options.sandboxLimits } : {}),
    files: [{ hostPath: options.bundleFile, containerPath: AGENT_BUNDLE_PATH }],
    gateway: { hostSocketPath: options.gatewaySocketPath, containerSocketPath: GATEWAY_SOCKET_PATH },
    trees: [...(toolchain ? [toolchain.tree] : []), ...(runtime ? [runtime] : [])],
    tmpfs: { "/io": 64 * 1024 * 1024 },
    ...(options.imageWorkspace ? { imageDirs: [options.imageWorkspace] } : {}),
    env: { LANG: "C.UTF-8", ...options.env, PATH: path },
  });
  const warnings: string[] = [];
  try {
    // The abort may have come while the container started, after its run's containers were removed.
    if (options.signal?.aborted) return killedBeforeStart();
    if (options.workspaceDir) await session.copyIn(options.workspaceDir, workspace);
    await options.beforeRun?.(session);
    await session.writeFiles("/io", { "instructions.md": options.instructions });
    const { limits } = options;
    const cmd = [
      "node",
      AGENT_BUNDLE_PATH,
      ...["--instructions", "/io/instructions.md", "--workspace", workspace],
      ...["--gateway", GATEWAY_SOCKET_PATH, "--out", "/io/out"],
      ...["--wall-seconds", String(limits.wallSeconds)],
      ...(limits.maxSteps ? ["--max-steps", String(limits.maxSteps)] : []),
      ...(limits.maxTokensPerCall ? ["--max-tokens-per-call", String(limits.maxTokensPerCall)] : []),
    ];
    const run = await session.exec({
      cmd,
      cwd: workspace,
      timeoutMs: (limits.wallSeconds + (options.graceSeconds ?? 30)) * 1000,
      maxOutputBytes: 256 * 1024,
    });
    await options.afterRun?.(session);
    const workspaceOutDir = options.workspaceDir
      ? await copyWorkspaceOut(session, workspace, options.workspaceOutDir, warnings)
      : "";
    return {
      exitCode: run.exitCode,
      status: run.status,
      durationMs: run.durationMs,
      trajectory: await readTrajectory(session, warnings),
      workspaceOutDir,
      stdoutTail: tail(run.stdout),
      stderrTail: tail(run.stderr),
      warnings,
    };
  } finally {
    await session.destroy();
  }
}

/** Copies the final workspace to the host; "" when it could not be copied (the reason is in warnings). */
async function copyWorkspaceOut(
  session: SandboxSession,
  workspace: string,
  outDir: string | undefined,
  warnings: string[],
) {
  const workspaceOutDir = outDir ?? (await mkdtemp(join(tmpdir(), "dgm-ws-out-")));
  // A repository's own relative links survive; links out of it, hard links and devices never reach the host.
  const copied = await session.copyOut(workspace, workspaceOutDir, WORKSPACE_COPY_POLICY).then(
    ({ refused }) => {
      warnings.push(...refused.map((line) => `workspace: ${line}`));
      return true;
    },
    async (error: unknown) => {
      warnings.push(`copying ${workspace} out failed: ${(error as Error).message}`);
      // What was copied before the failure is not the agent's workspace: nothing half-copied stays around.
      if (!outDir) await rm(workspaceOutDir, { recursive: true, force: true });
      return false;
    },
  );
  return copied ? workspaceOutDir : "";
}

/**
 * Copies /io/out to a temp dir (the trajectory may be larger than an exec's output cap) and reads it as a
 * regular file only: a trajectory.jsonl that is a link (to /proc/self/environ, say) is never followed.
 */
async function readTrajectory(session: Pick<SandboxSession, "copyOut">, warnings: string[]): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), "dgm-io-out-"));
  try {
    const { refused } = await session.copyOut("/io/out", outDir, IO_OUT_COPY_POLICY);
    warnings.push(...refused.map((line) => `/io/out: ${line}`));
    return (await readFileInside(outDir, "trajectory.jsonl", IO_OUT_COPY_POLICY.maxBytes)).toString("utf8");
  } catch (error) {
    warnings.push(`reading the trajectory failed: ${(error as Error).message}`);
    return "";
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
