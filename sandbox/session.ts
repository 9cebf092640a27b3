// One hardened session container: exec, copy in/out through tar over exec (works on read-only
// roots, unlike `docker cp`), and a destroy that always leaves nothing behind. It holds a slot on its
// engine until destroyed; when that engine stops answering, whatever the session is doing ends and
// the session's calls throw EngineLostError, so the work is run again elsewhere, not blamed on an agent.
import { mkdir } from "node:fs/promises";
import type { Duplex } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Container } from "dockerode";
import { COPY_TIMEOUT_MS, untarInto } from "./container-tar.ts";
import { dockerStatusCode } from "./docker.ts";
import type { EnginePool, Lease } from "./engines/index.ts";
import { EngineLostError, SandboxError } from "./errors.ts";
import { runExec } from "./exec.ts";
import { UnsafePathError } from "./host-files.ts";
import { DockerDemux, HeadTailBuffer } from "./output.ts";
import { type ExtractPolicy, extractInto, type PackOptions, packDirectory, packFiles } from "./tar-pack.ts";
import type { CopyOutResult, ExecOptions, ExecResult, SandboxSession } from "./types.ts";

/** Seconds between SIGTERM and SIGKILL on destroy (the main process is `sleep` under init: it exits at once). */
const DESTROY_GRACE_SECONDS = 1;

/** Something that lives as long as the session and ends with it (the gateway tunnel). */
export interface SessionAttachment {
  close(): Promise<void>;
}

export class DockerSession implements SandboxSession {
  private destroyed: Promise<void> | undefined;
  private oomKillsSeen = 0;
  /** Set when the host killed the container (an exec overran its deadline): later execs fail fast. */
  private killedByHost = false;
  /** Why the engine is gone, once it is. */
  private lostReason: string | undefined;
  private readonly streams = new Set<Duplex>();
  private readonly attachments: SessionAttachment[] = [];
  private readonly stopListening: () => void;

  constructor(
    private readonly container: Container,
    private readonly lease: Lease,
    private readonly pool: EnginePool,
  ) {
    this.stopListening = pool.onDown(lease.engine, (reason) => this.engineLost(reason));
  }

  get containerId(): string {
    return this.container.id;
  }

  get engine(): string {
    return this.lease.engine.name;
  }

  /** Ends with the session (closed before the container is removed). */
  attach(attachment: SessionAttachment): void {
    this.attachments.push(attachment);
  }

  async exec(options: ExecOptions): Promise<ExecResult> {
    this.throwIfLost();
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
    const result = await runExec(
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
        track: (stream) => this.track(stream),
      },
      options,
    );
    // "killed" with nobody on our side killing it: the container or its engine went away.
    if (result.status === "killed" && !this.destroyed) await this.checkEngine();
    return result;
  }

  async copyIn(hostDir: string, containerDir: string, options?: PackOptions): Promise<void> {
    await this.guard(() =>
      untarInto(
        this.container,
        containerDir,
        packDirectory(hostDir, options),
        `copy of ${hostDir} into ${containerDir}`,
      ),
    );
  }

  async writeFiles(containerDir: string, files: Record<string, string | Buffer>): Promise<void> {
    await this.guard(() =>
      untarInto(
        this.container,
        containerDir,
        packFiles(files),
        `writing ${Object.keys(files).length} files into ${containerDir}`,
      ),
    );
  }

  /** Writes files as root (into a root-owned tmpfs the agent cannot change): for what the sandbox itself copies in. */
  async writeFilesAsRoot(containerDir: string, files: Record<string, string | Buffer>): Promise<void> {
    await this.guard(() =>
      untarInto(this.container, containerDir, packFiles(files), `copying into ${containerDir}`, { user: "0:0" }),
    );
  }

  async copyOut(containerDir: string, hostDir: string, policy?: ExtractPolicy): Promise<CopyOutResult> {
    return this.guard(() => this.tarOut(containerDir, hostDir, policy));
  }

  private async tarOut(containerDir: string, hostDir: string, policy?: ExtractPolicy): Promise<CopyOutResult> {
    await mkdir(hostDir, { recursive: true });
    const stderr = new HeadTailBuffer(16 * 1024);
    const exec = await this.container.exec({
      Cmd: ["timeout", "-s", "KILL", `${COPY_TIMEOUT_MS / 1000}s`, "tar", "-c", "-C", containerDir, "."],
      AttachStdout: true,
      AttachStderr: true,
    });
    const stream = await exec.start({ hijack: true, stdin: false });
    const untrack = this.track(stream);
    const extraction = extractInto(hostDir, policy);
    await pipeline(stream, new DockerDemux((chunk) => stderr.push(chunk)), extraction.sink)
      .catch((error: unknown) => {
        // Stopping early (a cap, a refused path) leaves tar writing into a closed stream: end it.
        stream.destroy();
        throw error instanceof SandboxError
          ? new SandboxError(`copying ${containerDir} out of the sandbox stopped: ${error.message}`, { cause: error })
          : error;
      })
      .finally(untrack);
    const { ExitCode } = await exec.inspect();
    if (ExitCode !== 0) {
      throw new SandboxError(
        `copying ${containerDir} out of the sandbox failed (tar exit ${ExitCode}): ${stderr.text().trim()}`,
      );
    }
    return { refused: extraction.refused };
  }

  /** Runs a copy; a failure while the engine is gone (or found gone) becomes EngineLostError. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    this.throwIfLost();
    try {
      return await work();
    } catch (error) {
      // A refused path is the tree's fault, not the engine's: no need to ask the engine.
      if (!(error instanceof UnsafePathError)) await this.checkEngine();
      throw error;
    }
  }

  private track(stream: Duplex): () => void {
    this.streams.add(stream);
    return () => this.streams.delete(stream);
  }

  private engineLost(reason: string): void {
    this.lostReason ??= reason;
    for (const stream of this.streams) stream.destroy();
  }

  private throwIfLost(): void {
    if (this.lostReason) throw new EngineLostError(this.engine, this.lostReason);
  }

  /** Asks the pool whether the engine still answers; throws EngineLostError when it does not. */
  private async checkEngine(): Promise<void> {
    if (!this.lostReason && !(await this.pool.confirm(this.lease.engine))) {
      this.lostReason ??= this.lease.engine.lossReason();
    }
    this.throwIfLost();
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
    this.destroyed ??= this.removeContainer().finally(() => {
      this.stopListening();
      this.lease.release();
    });
    return this.destroyed;
  }

  /** Short grace (SIGTERM to init, which ends `sleep`), then kill and remove. Idempotent. */
  private async removeContainer(): Promise<void> {
    await Promise.allSettled(this.attachments.map((attachment) => attachment.close()));
    // A lost engine takes its containers with it (or removes them when it restarts): nothing to ask.
    if (this.lostReason) return;
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
      if (!(await this.pool.confirm(this.lease.engine))) return;
      throw new SandboxError(
        `could not remove sandbox container ${this.container.id.slice(0, 12)}: ${error instanceof Error ? error.message : error}. Fix: \`dgm sandbox prune\`.`,
      );
    }
  }
}
