// What a hardened session container looks like: the dockerode create options, built from the
// session options and the hardened defaults. Every limit can be overridden per session.
import { posix } from "node:path";
import type { ContainerCreateOptions } from "dockerode";
import type { SandboxLimits, SessionLabels, SessionOptions } from "./types.ts";

export const PROJECT_LABEL = "dgm.project";
export const PROJECT_LABEL_VALUE = "dgm";
/** Label naming the process tree that made a container (from $DGM_SANDBOX_OWNER), e.g. one test run. */
export const OWNER_LABEL = "dgm.owner";
export const AGENT_USER = "1000:1000";
export const AGENT_HOME = "/home/agent";
export const WORKSPACE = "/workspace";

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: SandboxLimits = {
  memoryBytes: 2048 * MiB,
  nanoCpus: 1_000_000_000,
  // A thread is a pid too: Exercism's concurrency exercises (bank-account in Java and C++) start 1000
  // threads at once. 1024 still contains a fork bomb (one CPU, the memory limit).
  pidsLimit: 1024,
  tmpBytes: 256 * MiB,
  workspaceBytes: 1024 * MiB,
  homeBytes: 64 * MiB,
  // Node, python and tsc need a few hundred. Docker's default (dockerd's own, 20k to 1M) let an agent
  // open tens of thousands of sockets to the gateway, each one a descriptor in the host process too.
  openFiles: 4096,
};

export function resolveLimits(overrides: Partial<SandboxLimits> = {}): SandboxLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new RangeError(`sandbox limit ${name} must be a positive integer, got ${value}`);
    }
  }
  return limits;
}

/** Label naming the engine (by its configured name) a container was placed on. */
export const ENGINE_LABEL = "dgm.engine";

export function labelsFor(labels: SessionLabels, engine: string): Record<string, string> {
  const result: Record<string, string> = {
    [PROJECT_LABEL]: PROJECT_LABEL_VALUE,
    "dgm.purpose": labels.purpose,
    [ENGINE_LABEL]: engine,
  };
  if (labels.run) result["dgm.run"] = labels.run;
  if (labels.agent) result["dgm.agent"] = labels.agent;
  if (labels.task) result["dgm.task"] = labels.task;
  const owner = process.env.DGM_SANDBOX_OWNER;
  if (owner) result[OWNER_LABEL] = owner;
  return result;
}

/**
 * tmpfs options: size-capped (tmpfs pages count against the memory limit), exec allowed, owned by the
 * agent — or by root, for what we copy in and the agent must not change (its bundle, the gateway relay's socket).
 */
function tmpfsOptions(bytes: number, mode: string, owner: "agent" | "root" = "agent"): string {
  const id = owner === "agent" ? 1000 : 0;
  return `rw,exec,nosuid,nodev,size=${bytes},uid=${id},gid=${id},mode=${mode}`;
}

/** Where a session was placed and how files reach it there (see DockerSandbox.startSession). */
export interface Placement {
  engine: string;
  /** "bind": host paths are bind-mounted; "copy": files are copied in and the gateway is tunnelled. */
  files: "bind" | "copy";
  /** Volume holding each tree (by tree name), when files are copied. */
  treeVolumes: Map<string, string>;
  /** The session files to copy in, by the directory they go to (a root-owned tmpfs each): name → bytes. */
  fileDirs: Map<string, Record<string, Buffer>>;
}

/** The relay's socket directory is a small root-owned tmpfs: the agent can neither replace nor fill it. */
const GATEWAY_DIR_BYTES = 1024 * 1024;
const MiB_BYTES = 1024 * 1024;

/** Room for a directory's copied files and tar's own bookkeeping: their bytes rounded up to a MiB, plus one. */
function filesTmpfsBytes(files: Record<string, Buffer>): number {
  const bytes = Object.values(files).reduce((sum, content) => sum + content.length, 0);
  return Math.ceil((bytes + 1) / MiB_BYTES) * MiB_BYTES + MiB_BYTES;
}

function mountsFor(options: SessionOptions, placement: Placement) {
  const binds = (options.mounts ?? []).map(
    (mount) => `${mount.hostPath}:${mount.containerPath}:${mount.readOnly === false ? "rw" : "ro"}`,
  );
  const volumes: NonNullable<NonNullable<ContainerCreateOptions["HostConfig"]>["Mounts"]> = [];
  const rootTmpfs: Record<string, string> = {};
  if (placement.files === "bind") {
    for (const tree of options.trees ?? []) {
      for (const source of tree.sources) {
        const target = source.path ? `${tree.containerPath}/${source.path}` : tree.containerPath;
        binds.push(`${source.hostPath}:${target}:ro`);
      }
    }
    for (const file of options.files ?? []) binds.push(`${file.hostPath}:${file.containerPath}:ro`);
    if (options.gateway)
      binds.push(
        `${posix.dirname(options.gateway.hostSocketPath)}:${posix.dirname(options.gateway.containerSocketPath)}:ro`,
      );
  } else {
    for (const tree of options.trees ?? []) {
      const volume = placement.treeVolumes.get(tree.name);
      if (!volume) throw new Error(`no volume prepared for tree ${tree.name}`);
      volumes.push({ Type: "volume", Source: volume, Target: tree.containerPath, ReadOnly: true });
    }
    for (const [dir, files] of placement.fileDirs)
      rootTmpfs[dir] = tmpfsOptions(filesTmpfsBytes(files), "0755", "root");
    if (options.gateway)
      rootTmpfs[posix.dirname(options.gateway.containerSocketPath)] = tmpfsOptions(GATEWAY_DIR_BYTES, "0755", "root");
  }
  return { binds, volumes, rootTmpfs };
}

export function containerSpec(
  options: SessionOptions,
  image: string,
  limits: SandboxLimits,
  placement: Placement,
): ContainerCreateOptions {
  const { binds, volumes, rootTmpfs } = mountsFor(options, placement);
  const tmpfs: Record<string, string> = {
    "/tmp": tmpfsOptions(limits.tmpBytes, "1777"),
    [WORKSPACE]: tmpfsOptions(limits.workspaceBytes, "0755"),
    [AGENT_HOME]: tmpfsOptions(limits.homeBytes, "0755"),
    ...rootTmpfs,
  };
  for (const [path, bytes] of Object.entries(options.tmpfs ?? {})) tmpfs[path] = tmpfsOptions(bytes, "0755");
  for (const dir of options.imageDirs ?? []) tmpfs[dir.path] = tmpfsOptions(dir.bytes, "0755");
  const env = { HOME: AGENT_HOME, ...options.env };
  return {
    Image: image,
    // Work is done by exec; the main process only keeps the container alive (init reaps zombies).
    Cmd: ["sleep", "infinity"],
    User: AGENT_USER,
    WorkingDir: WORKSPACE,
    Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
    Labels: labelsFor(options.labels, placement.engine),
    NetworkDisabled: true,
    HostConfig: {
      NetworkMode: "none",
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      PidsLimit: limits.pidsLimit,
      Ulimits: [{ Name: "nofile", Soft: limits.openFiles, Hard: limits.openFiles }],
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      NanoCpus: limits.nanoCpus,
      ReadonlyRootfs: true,
      Tmpfs: tmpfs,
      Init: true,
      IpcMode: "private",
      Binds: binds,
      Mounts: volumes,
    },
  };
}
