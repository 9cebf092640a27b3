// Reading /proc to find the processes a test fixture started (a second dockerd, its containerd and
// shims, a private sshd) and everything below them, so teardown signals exactly those pids and never
// goes by a broad name. Every read tolerates a process that exits while it is being looked at.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { basename } from "node:path";

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** argv of a process, or undefined when it is gone (a zombie has an empty cmdline). */
export function commandLine(pid: number): string[] | undefined {
  const raw = readOrUndefined(`/proc/${pid}/cmdline`);
  if (raw === undefined || raw === "") return undefined;
  return raw.replace(/\0$/, "").split("\0");
}

interface ProcStat {
  state: string;
  ppid: number;
  startTime: string;
}

// The comm field (2nd) may hold spaces and parentheses, so fields are counted after its last ")".
function procStat(pid: number): ProcStat | undefined {
  const raw = readOrUndefined(`/proc/${pid}/stat`);
  if (raw === undefined) return undefined;
  const fields = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0] ?? "", ppid: Number(fields[1]), startTime: fields[19] ?? "" };
}

/** True while the process exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  const stat = procStat(pid);
  return stat !== undefined && stat.state !== "Z" && stat.state !== "X";
}

/** The kernel's start time of a process (clock ticks since boot): tells a pid apart from its reuse. */
export function startTimeOf(pid: number): string | undefined {
  return procStat(pid)?.startTime;
}

/** Every live descendant of the given pids (children, grandchildren…), the pids themselves included. */
export function withDescendants(roots: readonly number[]): number[] {
  const childrenOf = new Map<number, number[]>();
  for (const pid of allPids()) {
    const stat = procStat(pid);
    if (stat === undefined) continue;
    const siblings = childrenOf.get(stat.ppid) ?? [];
    siblings.push(pid);
    childrenOf.set(stat.ppid, siblings);
  }
  const found = new Set<number>();
  const queue = [...roots];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    if (found.has(pid)) continue;
    found.add(pid);
    queue.push(...(childrenOf.get(pid) ?? []));
  }
  return [...found].filter(isAlive);
}

// The program a process runs, by its executable (argv[0] is not reliable: sshd rewrites its whole
// command line into one string such as "sshd: /usr/sbin/sshd -D -f … [listener]").
function programOf(pid: number): string | undefined {
  try {
    return basename(readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, ""));
  } catch {
    return undefined;
  }
}

/**
 * Processes running one of `programs` (by executable name) whose command line mentions `marker`
 * (an instance directory): a shell that merely mentions the directory is not one of them.
 */
export function processesMentioning(marker: string, programs: readonly string[]): number[] {
  return allPids().filter((pid) => {
    if (pid === process.pid) return false;
    const argv = commandLine(pid);
    if (argv === undefined || !argv.some((arg) => arg.includes(marker))) return false;
    const program = programOf(pid);
    return program !== undefined && programs.includes(program);
  });
}

/** Paths of the unix sockets a process holds open (read from /proc/net/unix by socket inode). */
export function unixSocketPathsOf(pid: number): string[] {
  let inodes: Set<string>;
  try {
    inodes = new Set(
      readdirSync(`/proc/${pid}/fd`)
        .map((fd) => {
          try {
            return readlinkSync(`/proc/${pid}/fd/${fd}`);
          } catch {
            return "";
          }
        })
        .map((target) => /^socket:\[(\d+)\]$/.exec(target)?.[1])
        .filter((inode): inode is string => inode !== undefined),
    );
  } catch {
    return [];
  }
  const table = readOrUndefined(`/proc/${pid}/net/unix`) ?? "";
  return table
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 8 && inodes.has(fields[6] ?? ""))
    .map((fields) => fields[7] ?? "")
    .filter((path) => path.startsWith("/"));
}

/** Sends `signal` to each pid, ignoring those already gone. */
export function signalAll(pids: readonly number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone: that is what we wanted.
    }
  }
}

/** Waits until none of the pids is alive; false when some still are after `timeoutMs`. */
export async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}
