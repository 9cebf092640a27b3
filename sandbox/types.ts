// The sandbox's public contract. Everything that runs untrusted code goes through these types;
// the Docker implementation lives beside them and nothing outside this room touches dockerode.

/** Resource limits for one session container. Every field has a hardened default. */
export interface SandboxLimits {
  /** Memory limit in bytes; swap is set equal so the container cannot swap. */
  memoryBytes: number;
  /** CPU quota in units of 1e-9 CPUs (Docker's NanoCpus). */
  nanoCpus: number;
  /** Maximum number of processes/threads in the container. */
  pidsLimit: number;
  /** Size cap of the /tmp tmpfs, in bytes. */
  tmpBytes: number;
  /** Size cap of the /workspace tmpfs, in bytes. */
  workspaceBytes: number;
  /** Size cap of the $HOME (/home/agent) tmpfs, in bytes: the root is read-only, tools still want a writable home. */
  homeBytes: number;
  /** Open files per process (RLIMIT_NOFILE, soft = hard): sockets too, so a connection flood stops here. */
  openFiles: number;
}

export type SessionPurpose = "solve" | "self-modify" | "grade" | "gate" | "check" | "test" | "bench";

/** Labels put on every container so that `dgm sandbox prune` can find leftovers of a crashed process. */
export interface SessionLabels {
  purpose: SessionPurpose;
  run?: string;
  agent?: string;
  task?: string;
}

export interface BindMount {
  hostPath: string;
  containerPath: string;
  /** Defaults to true: the sandbox never gets write access to a host path unless asked. */
  readOnly?: boolean;
}

/** One host directory of a read-only tree, placed at `path` inside the tree ("" for its root). */
export interface TreeSource {
  hostPath: string;
  path: string;
}

/**
 * A read-only tree of our own (the toolchain, the grader harness) at `containerPath`. An engine on this
 * machine bind-mounts its sources; any other gets it copied once into a volume named by its content.
 */
export interface ReadOnlyTree {
  /** Short lowercase name, part of the volume's name. */
  name: string;
  containerPath: string;
  sources: TreeSource[];
}

/** A host file a session sees read-only at `containerPath` (bind-mounted, or copied in as root). */
export interface SessionFile {
  hostPath: string;
  containerPath: string;
}

/**
 * A unix socket on the host (a model gateway session's) that processes in the container reach at
 * `containerSocketPath`: the socket's directory is bind-mounted where the engine shares this machine's
 * files, and otherwise a relay inside listens there and tunnels each connection over the Docker API.
 */
export interface SessionGateway {
  hostSocketPath: string;
  containerSocketPath: string;
}

/**
 * A directory of the session's image made writable for the agent (a repository an environment image
 * ships, e.g. SWE-bench's /testbed): a size-capped tmpfs owned by the agent at `path`, filled with the
 * image's own content at that path before the session is handed out. The image's read-only root is
 * never made writable.
 */
export interface ImageDir {
  path: string;
  /** Size cap of the tmpfs, in bytes (its pages count against the memory limit). */
  bytes: number;
  /** Paths inside the directory left out of the copy, e.g. ".git" (relative, no leading "./"). */
  exclude?: string[];
}

export interface SessionOptions {
  labels: SessionLabels;
  /** Image tag; defaults to the current recipe's tag (see image.ts). */
  image?: string;
  limits?: Partial<SandboxLimits>;
  /** Bind mounts of host paths (read-only by default): only an engine on this machine can honour them. */
  mounts?: BindMount[];
  /** Read-only trees of ours (toolchain, harness), on any engine. */
  trees?: ReadOnlyTree[];
  /** Per-session read-only files (the agent bundle), on any engine. */
  files?: SessionFile[];
  gateway?: SessionGateway;
  /** Environment of every exec in this session. The host environment is never inherited. */
  env?: Record<string, string>;
  /** Extra size-capped tmpfs mounts: container path → bytes (e.g. an output directory). */
  tmpfs?: Record<string, number>;
  /** Directories of the image copied into writable, size-capped tmpfs mounts at the same paths. */
  imageDirs?: ImageDir[];
}

export interface ExecOptions {
  cmd: string[];
  cwd?: string;
  env?: Record<string, string>;
  stdin?: string | Buffer;
  /** Hard deadline: killed inside the container at this time, and the container is killed from the host shortly after. */
  timeoutMs: number;
  /** Per-stream cap on kept output (head and tail are kept, the middle dropped). Default 1 MiB. */
  maxOutputBytes?: number;
  /** Run as this user; defaults to 1000:1000. */
  user?: string;
}

/** How an exec ended. Failures are values, never exceptions. */
export type ExecStatus = "ok" | "timeout" | "oom" | "killed";

export interface ExecResult {
  status: ExecStatus;
  /** Process exit code; null when it never reported one (killed from the host). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Bytes dropped from the middle of stdout+stderr by the output cap. */
  droppedBytes: number;
  durationMs: number;
}

export interface SandboxSession {
  readonly containerId: string;
  /** The engine (by its configured name) the session runs on. */
  readonly engine: string;
  exec(options: ExecOptions): Promise<ExecResult>;
  /**
   * Copies a host directory's contents into a container directory (tar stream; works on read-only roots).
   * `links: "refuse"` fails on any symlink, hard link or special file (for agent source trees).
   */
  copyIn(hostDir: string, containerDir: string, options?: CopyInOptions): Promise<void>;
  /** Writes files given in memory into a container directory. */
  writeFiles(containerDir: string, files: Record<string, string | Buffer>): Promise<void>;
  /**
   * Copies a container directory's contents into a host directory (created if missing), under caps on
   * bytes and entries (defaults: 256 MiB, 100,000); symlinks per the policy, never hard links, devices
   * or FIFOs. A cap or an escaping path fails the copy; entries not materialised are listed in `refused`.
   */
  copyOut(containerDir: string, hostDir: string, policy?: CopyOutPolicy): Promise<CopyOutResult>;
  /** Grace → kill → remove(force). Safe to call twice. */
  destroy(): Promise<void>;
}

/** What a directory copied into a container may hold besides regular files and directories. */
export interface CopyInOptions {
  /**
   * "keep" (default): symlinks travel as links, never followed (a user's repository may hold some).
   * "refuse": the copy fails at the first symlink, hard link or special file — for agent source trees,
   * which must be plain files so that nothing on the host or in a build ever reads through them.
   */
  links?: "keep" | "refuse";
}

/** What a copy out of a container may write on the host (see copyOut). */
export interface CopyOutPolicy {
  /**
   * "refuse" (default): symlinks are not created. "inside": a relative symlink whose target stays inside
   * the target directory is created (a repository's own links survive a round trip); any other is not.
   */
  symlinks?: "refuse" | "inside";
  /** Bytes of file content written, at most; the copy fails past it. */
  maxBytes: number;
  /** Entries (files, directories, links) written, at most; the copy fails past it. */
  maxEntries: number;
}

export interface CopyOutResult {
  /** One line per entry not materialised on the host (symlinks the policy refused, hard links, devices). */
  refused: string[];
}

export interface Sandbox {
  /**
   * Starts a session on the least loaded engine with a free slot (a SandboxError when none answers). A
   * session whose engine stops answering makes its exec and copies throw EngineLostError.
   */
  startSession(options: SessionOptions): Promise<SandboxSession>;
  /** Removes every container carrying our project label (optionally only one run's) on every engine that answers. Returns how many. */
  prune(filter?: { run?: string }): Promise<number>;
}
