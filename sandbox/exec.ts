// One command inside a session container: a hard deadline enforced twice (in-container
// `timeout -s KILL`, and a host timer that kills the whole container if the exec still has not
// returned), output capped as it streams, and the way it ended reported as a value.
import type { Duplex } from "node:stream";
import type { Container } from "dockerode";
import { AGENT_USER } from "./container-spec.ts";
import { DockerDemux, HeadTailBuffer } from "./output.ts";
import type { ExecOptions, ExecResult, ExecStatus } from "./types.ts";

export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
/** How long after the deadline the host stops waiting and kills the container. */
export const HOST_DEADLINE_GRACE_MS = 2_000;
const KILLED_BY_SIGKILL = 137;
const TIMEOUT_EXIT = 124;

export interface ExecContext {
  container: Container;
  /** Kills the container (host-side deadline); the session is dead afterwards. */
  killContainer: () => Promise<void>;
  /** True when the memory cgroup of the container recorded an OOM kill since the last call. */
  consumeOomKill: () => Promise<boolean>;
  /** Registers the exec's stream so that losing the engine can end it; returns the unregistration. */
  track?: (stream: Duplex) => () => void;
}

export async function runExec(context: ExecContext, options: ExecOptions): Promise<ExecResult> {
  const started = Date.now();
  const maxOutput = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new HeadTailBuffer(maxOutput);
  const stderr = new HeadTailBuffer(maxOutput);
  const deadlineSeconds = Math.max(0.001, options.timeoutMs / 1000).toFixed(3);
  let hostKilled = false;
  let hostTimer: NodeJS.Timeout | undefined;
  let untrack: (() => void) | undefined;
  const result = (status: ExecStatus, exitCode: number | null): ExecResult => ({
    status,
    exitCode,
    stdout: stdout.text(),
    stderr: stderr.text(),
    droppedBytes: stdout.droppedBytes + stderr.droppedBytes,
    durationMs: Date.now() - started,
  });
  try {
    const exec = await context.container.exec({
      Cmd: ["timeout", "-s", "KILL", `${deadlineSeconds}s`, ...options.cmd],
      AttachStdout: true,
      AttachStderr: true,
      AttachStdin: options.stdin !== undefined,
      WorkingDir: options.cwd,
      Env: Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${value}`),
      User: options.user ?? AGENT_USER,
      Tty: false,
    });
    const stream = await exec.start({ hijack: true, stdin: options.stdin !== undefined });
    untrack = context.track?.(stream);
    hostTimer = setTimeout(() => {
      hostKilled = true;
      void context.killContainer().finally(() => stream.destroy());
    }, options.timeoutMs + HOST_DEADLINE_GRACE_MS);
    const demux = new DockerDemux((chunk) => stderr.push(chunk));
    demux.on("data", (chunk: Buffer) => stdout.push(chunk));
    const finished = new Promise<void>((resolve) => {
      demux.on("end", resolve);
      demux.on("error", resolve);
      stream.on("close", resolve);
      stream.on("error", resolve);
    });
    stream.pipe(demux);
    if (options.stdin !== undefined) stream.end(options.stdin);
    await finished;
    clearTimeout(hostTimer);
    untrack?.();
    if (hostKilled) return result("timeout", null);
    const exitCode = await exitCodeOf(exec);
    return result(await classify(context, exitCode, Date.now() - started, options.timeoutMs), exitCode);
  } catch (error) {
    clearTimeout(hostTimer);
    untrack?.();
    if (hostKilled) return result("timeout", null);
    // The container is gone or stopped (destroyed under us, killed by the host): a value, not a throw.
    stderr.push(Buffer.from(`\n[sandbox: exec failed: ${error instanceof Error ? error.message : String(error)}]\n`));
    return result("killed", null);
  }
}

async function classify(context: ExecContext, exitCode: number | null, elapsedMs: number, timeoutMs: number) {
  if (exitCode === TIMEOUT_EXIT || exitCode === KILLED_BY_SIGKILL) {
    if (elapsedMs >= timeoutMs) return "timeout";
  }
  if (exitCode === KILLED_BY_SIGKILL || exitCode === null) {
    return (await context.consumeOomKill()) ? "oom" : "killed";
  }
  return "ok";
}

/** The engine may report the exec as still running for a moment after its stream closed. */
async function exitCodeOf(exec: { inspect(): Promise<{ Running: boolean; ExitCode: number | null }> }) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const info = await exec.inspect();
    if (!info.Running) return info.ExitCode;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return null;
}
