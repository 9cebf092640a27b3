// One Docker engine of the pool: its client, its slots, and whether it answers. An engine that stops
// answering is marked down; it is asked again after a pause that grows while it stays down.
import Docker from "dockerode";
import { withTimeout } from "../docker.ts";
import type { EngineConnection, EngineSpec } from "./engine-config.ts";

export type EngineHealth = "unknown" | "up" | "down";

export interface EngineIdentity {
  version: string;
  apiVersion: string;
  os: string;
  cpus: number;
  memoryBytes: number;
}

/** How long a health probe may take before the engine counts as not answering. */
export const PROBE_TIMEOUT_MS = 5_000;
// Over SSH every call logs in and runs `docker system dial-stdio` through the login shell, so a shell
// start-up that waits (seen here: a ~/.bashrc whose `pyenv rehash` waited on a stale lock) looks
// exactly like an engine that does not answer.
const SSH_SILENCE_HINT =
  " (over SSH each call runs `docker system dial-stdio` in the login shell: `ssh <user>@<host> docker version` must answer at once; a slow ~/.bashrc delays every call)";
const FIRST_RETRY_MS = 10_000;
const MAX_RETRY_MS = 5 * 60_000;

export function dockerFor(connection: EngineConnection): Docker {
  switch (connection.kind) {
    case "default":
      return new Docker();
    case "unix":
      return new Docker({ socketPath: connection.socketPath });
    case "tcp":
      return new Docker({
        protocol: "https",
        host: connection.host,
        port: connection.port,
        ca: connection.ca,
        cert: connection.cert,
        key: connection.key,
      });
    case "ssh": {
      const { hostKey } = connection;
      return new Docker({
        protocol: "ssh",
        host: connection.host,
        port: connection.port,
        username: connection.username,
        sshOptions: {
          ...(connection.privateKey ? { privateKey: connection.privateKey } : { agent: connection.agent }),
          // ssh2 hands the verifier the key's SHA-256 in hex; OpenSSH shows it as unpadded base64.
          ...(hostKey
            ? { hostHash: "sha256", hostVerifier: (hex: string) => openSshFingerprint(hex) === hostKey }
            : {}),
        },
      });
    }
  }
}

function openSshFingerprint(hex: string): string {
  return `SHA256:${Buffer.from(hex, "hex").toString("base64").replace(/=+$/, "")}`;
}

export class Engine {
  readonly docker: Docker;
  health: EngineHealth = "unknown";
  /** Why it was last marked down (the error as text). */
  lastError: string | undefined;
  identity: EngineIdentity | undefined;
  /** Sessions holding a slot here now. */
  active = 0;
  private retryAt = 0;
  private downStreak = 0;
  private probing: Promise<boolean> | undefined;

  constructor(
    readonly spec: EngineSpec,
    docker?: Docker,
  ) {
    this.docker = docker ?? dockerFor(spec.connection);
  }

  get name(): string {
    return this.spec.name;
  }

  get slots(): number {
    return this.spec.slots;
  }

  get freeSlots(): number {
    return Math.max(0, this.slots - this.active);
  }

  /** May a session be placed here now (up, or not yet asked, or down long enough to ask again)? */
  placeable(now = Date.now()): boolean {
    return this.health !== "down" || now >= this.retryAt;
  }

  /** Asks the engine who it is; marks it up or down. Concurrent callers share one probe. */
  probe(timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
    this.probing ??= this.ask(timeoutMs).finally(() => {
      this.probing = undefined;
    });
    return this.probing;
  }

  private async ask(timeoutMs: number): Promise<boolean> {
    const silence = `engine ${this.name} did not answer`;
    try {
      const [version, info] = await withTimeout(
        Promise.all([this.docker.version(), this.docker.info() as Promise<{ NCPU?: number; MemTotal?: number }>]),
        timeoutMs,
        silence,
      );
      this.identity = {
        version: version.Version,
        apiVersion: version.ApiVersion,
        os: `${version.Os}/${version.Arch}`,
        cpus: info.NCPU ?? 0,
        memoryBytes: info.MemTotal ?? 0,
      };
      this.markUp();
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const silentOverSsh = this.spec.connection.kind === "ssh" && reason.startsWith(silence);
      this.markDown(silentOverSsh ? `${reason}${SSH_SILENCE_HINT}` : reason);
      return false;
    }
  }

  /** Why work on this engine ended: what its sessions and their retries are told. */
  lossReason(): string {
    return `engine ${this.name} stopped answering (${this.lastError ?? "no answer"})`;
  }

  markUp(): void {
    this.health = "up";
    this.downStreak = 0;
    this.lastError = undefined;
  }

  markDown(reason: string): void {
    this.health = "down";
    this.lastError = reason;
    this.downStreak += 1;
    this.retryAt = Date.now() + Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** (this.downStreak - 1));
  }
}
