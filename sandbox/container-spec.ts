// What a hardened session container looks like: the dockerode create options, built from the
// session options and the hardened defaults. Every limit can be overridden per session.
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

export function labelsFor(labels: SessionLabels): Record<string, string> {
  const result: Record<string, string> = { [PROJECT_LABEL]: PROJECT_LABEL_VALUE, "dgm.purpose": labels.purpose };
  if (labels.run) result["dgm.run"] = labels.run;
  if (labels.agent) result["dgm.agent"] = labels.agent;
  if (labels.task) result["dgm.task"] = labels.task;
  const owner = process.env.DGM_SANDBOX_OWNER;
  if (owner) result[OWNER_LABEL] = owner;
  return result;
}

/** tmpfs options: size-capped (tmpfs pages count against the memory limit), owned by the agent, exec allowed. */
function tmpfsOptions(bytes: number, mode: string): string {
  return `rw,exec,nosuid,nodev,size=${bytes},uid=1000,gid=1000,mode=${mode}`;
}

export function containerSpec(options: SessionOptions, image: string, limits: SandboxLimits): ContainerCreateOptions {
  const tmpfs: Record<string, string> = {
    "/tmp": tmpfsOptions(limits.tmpBytes, "1777"),
    [WORKSPACE]: tmpfsOptions(limits.workspaceBytes, "0755"),
    [AGENT_HOME]: tmpfsOptions(limits.homeBytes, "0755"),
  };
  for (const [path, bytes] of Object.entries(options.tmpfs ?? {})) tmpfs[path] = tmpfsOptions(bytes, "0755");
  const env = { HOME: AGENT_HOME, ...options.env };
  return {
    Image: image,
    // Work is done by exec; the main process only keeps the container alive (init reaps zombies).
    Cmd: ["sleep", "infinity"],
    User: AGENT_USER,
    WorkingDir: WORKSPACE,
    Env: Object.entries(env).map(([key, value]) => `${key}=${value}`),
    Labels: labelsFor(options.labels),
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
      Binds: (options.mounts ?? []).map(
        (mount) => `${mount.hostPath}:${mount.containerPath}:${mount.readOnly === false ? "rw" : "ro"}`,
      ),
    },
  };
}
