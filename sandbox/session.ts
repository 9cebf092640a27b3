// One hardened session container: exec, copy in/out through tar over exec (works on read-only
// roots, unlike `docker cp`), and a destroy that always leaves nothing behind.
import { mkdir } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import type { Container } from "dockerode";
import { dockerStatusCode } from "./docker.ts";
import { SandboxError } from "./errors.ts";
import { runExec } from "./exec.ts";
import { DockerDemux, HeadTailBuffer } from "./output.ts";
import {
  type ExtractPolicy,
  extractInto,
  type PackOptions,
  packDirectory,
  packFiles,
  type TarSource,
} from "./tar-pack.ts";
import type { CopyOutResult, ExecOptions, ExecResult, SandboxSession } from "./types.ts";

/** Copies are bounded too: a tar that has not finished after this long is abandoned. */
const COPY_TIMEOUT_MS = 10 * 60_000;
/** Seconds between SIGTERM and SIGKILL on destroy (the main process is `sleep` under init: it exits at once). */
const DESTROY_GRACE_SECONDS = 1;

export class DockerSession implements SandboxSession {
  private destroyed: Promise<void> | undefined;
  private oomKillsSeen = 0;
  /** Set when the host killed the container (an exec overran its deadline): later execs fail fast. */
  private killedByHost = false;

  constructor(private readonly container: Container) {}

  get containerId(): string {
    return this.container.id;
  }

  async exec(options: ExecOptions): Promise<ExecResult> {
    if (this.killedByHost || this.destroyed) {
      const why = this.destroyed ? "the session was destroyed" : "the host killed this session after a deadline";
      return {
        status: "killed",
        exitCode: null,
        stdout: "",
        stderr: `[sandbox: ${why}]`,
        droppedBytes: 0,
        durationMs: 0,
      };
    }
    return runExec(
      {
        container: this.container,
        killContainer: () => {
          this.killedByHost = true;
          return this.container.kill().then(
            () => {},
            () => {},
          );
        },
        consumeOomKill: () => this.consumeOomKill(),
      },
      options,
    );
  }

  async copyIn(hostDir: string, containerDir: string, options?: PackOptions): Promise<void> {
    await this.untar(containerDir, packDirectory(hostDir, options), `copy of ${hostDir} into ${containerDir}`);
  }

  async writeFiles(containerDir: string, files: Record<string, string | Buffer>): Promise<void> {
    await this.untar(containerDir, packFiles(files), `writing ${Object.keys(files).length} files into ${containerDir}`);
  }

  async copyOut(containerDir: string, hostDir: string, policy?: ExtractPolicy): Promise<CopyOutResult> {
    await mkdir(hostDir, { recursive: true });
    const stderr = new HeadTailBuffer(16 * 1024);
    const exec = await this.container.exec({
      Cmd: ["timeout", "-s", "KILL", `${COPY_TIMEOUT_MS / 1000}s`, "tar", "-c", "-C", containerDir, "."],
      AttachStdout: true,
      AttachStderr: true,
    });
    const stream = await exec.start({ hijack: true, stdin: false });
    const extraction = extractInto(hostDir, policy);
    await pipeline(stream, new DockerDemux((chunk) => stderr.push(chunk)), extraction.sink).catch((error: unknown) => {
      // Stopping early (a cap, a refused path) leaves tar writing into a closed stream: end it.
      stream.destroy();
      throw error instanceof SandboxError
        ? new SandboxError(`copying ${containerDir} out of the sandbox stopped: ${error.message}`, { cause: error })
        : error;
    });
    const { ExitCode } = await exec.inspect();
    if (ExitCode !== 0) {
      throw new SandboxError(
        `copying ${containerDir} out of the sandbox failed (tar exit ${ExitCode}): ${stderr.text().trim()}`,
      );
    }
    return { refused: extraction.refused };
  }

  /** Streams a tar into `tar -x` inside the container (created directory, modes kept). */
  private async untar(containerDir: string, tarStream: TarSource, what: string): Promise<void> {
    const stderr = new HeadTailBuffer(16 * 1024);
    const exec = await this.container.exec({
      Cmd: [
        "timeout",
        "-s",
        "KILL",
        `${COPY_TIMEOUT_MS / 1000}s`,
        "sh",
        "-c",
        'mkdir -p -- "$1" && exec tar -x -p --no-same-owner -C "$1" -f -',
        "sh",
        containerDir,
      ],
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
    });
    const stream = await exec.start({ hijack: true, stdin: true });
    const demux = new DockerDemux((chunk) => stderr.push(chunk));
    demux.on("data", (chunk: Buffer) => stderr.push(chunk));
    const done = new Promise<void>((resolve) => {
      stream.on("end", resolve);
      stream.on("close", resolve);
      stream.on("error", resolve);
    });
    stream.pipe(demux);
    await pipeline(tarStream, stream).catch((error: unknown) => {
      throw new SandboxError(`${what} failed while streaming: ${error instanceof Error ? error.message : error}`, {
        cause: error,
      });
    });
    await done;
    const { ExitCode } = await exec.inspect();
    if (ExitCode !== 0) throw new SandboxError(`${what} failed (tar exit ${ExitCode}): ${stderr.text().trim()}`);
  }

  /** Docker's OOMKilled flag only covers the main process; exec'd processes show up in the cgroup. */
  private async consumeOomKill(): Promise<boolean> {
    const info = await this.container.inspect().catch(() => undefined);
    if (info?.State.OOMKilled) return true;
    const probe = await runExec(
      { container: this.container, killContainer: async () => {}, consumeOomKill: async () => false },
      { cmd: ["cat", "/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events"], timeoutMs: 5_000 },
    );
    const match = /oom_kill (\d+)/.exec(probe.stdout);
    const kills = match ? Number(match[1]) : 0;
    const increased = kills > this.oomKillsSeen;
    this.oomKillsSeen = kills;
    return increased;
  }

  destroy(): Promise<void> {
    this.destroyed ??= this.removeContainer();
    return this.destroyed;
  }

  /** Short grace (SIGTERM to init, which ends `sleep`), then kill and remove. Idempotent. */
  private async removeContainer(): Promise<void> {
    try {
      await this.container.stop({ t: DESTROY_GRACE_SECONDS });
    } catch {
      // Already stopped, or never started: removal below handles both.
    }
    try {
      await this.container.remove({ force: true, v: true });
    } catch (error) {
      if (dockerStatusCode(error) === 404) return;
      if (dockerStatusCode(error) === 409) return; // removal already in progress
      throw new SandboxError(
        `could not remove sandbox container ${this.container.id.slice(0, 12)}: ${error instanceof Error ? error.message : error}. Fix: \`dgm sandbox prune\`.`,
      );
    }
  }
}
