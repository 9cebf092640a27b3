// The instance directories of the test fixtures under ENGINES_BASE (a second dockerd or a private
// sshd): making one with its owner recorded, and tearing one down, whether its owner stops it, it
// was crashed on purpose, or its test process died long ago.
// Everything is found from the instance's own name and directory, so teardown needs no memory of
// the start: the processes that mention the directory and all below them, the mounts under it, the
// cgroups and the bridge named after it. The directory goes last, so an interrupted teardown leaves
// it behind for the next stale sweep to finish.
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import {
  isAlive,
  processesMentioning,
  signalAll,
  startTimeOf,
  unixSocketPathsOf,
  waitUntilGone,
  withDescendants,
} from "./proc-scan.ts";

/** Where every fixture instance lives: `<base>/<name>/` with `owner.pid` naming the test process. */
export const ENGINES_BASE = "/tmp/dgm-test-engines";

// The programs a fixture starts (dockerd starts containerd, which starts shims and runc); only these
// are matched by command line, the rest (containers, ssh sessions) by descending from them.
const FIXTURE_PROGRAMS = ["dockerd", "containerd", "containerd-shim-runc-v2", "runc", "docker-proxy", "sshd"];
// containerd 1.6 keeps shim sockets here whatever its state dir; a killed shim leaves its socket.
const SHIM_SOCKET_DIR = "/run/containerd/s/";
const CGROUP_ROOT = "/sys/fs/cgroup";

/** Records the calling test process as the owner (pid and start time, so a reused pid is no owner). */
function writeOwner(dir: string): void {
  writeFileSync(join(dir, "owner.pid"), `${process.pid}\n${startTimeOf(process.pid) ?? ""}\n`);
}

/** True while the test process that made the instance is still running. */
export function ownerIsAlive(dir: string): boolean {
  let lines: string[];
  try {
    lines = readFileSync(join(dir, "owner.pid"), "utf8").split("\n");
  } catch {
    return false;
  }
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return false;
  const recordedStart = lines[1] ?? "";
  return recordedStart === "" || startTimeOf(pid) === recordedStart;
}

/** The last lines of a log file (only its last 8 KiB are read), or a note that there is none. */
export function logTail(path: string, lines = 30): string {
  let text: string;
  try {
    const fd = openSync(path, "r");
    try {
      const size = fstatSync(fd).size;
      const buffer = Buffer.alloc(Math.min(size, 8192));
      readSync(fd, buffer, 0, buffer.length, size - buffer.length);
      text = buffer.toString("utf8");
    } finally {
      closeSync(fd);
    }
  } catch {
    return `(no log at ${path})`;
  }
  const tail = text.trimEnd().split("\n").slice(-lines).join("\n");
  return tail === "" ? `(${path} is empty)` : `--- last lines of ${path} ---\n${tail}`;
}

/** SIGKILLs every process of the instance and everything below it; returns what was killed. */
export async function killInstanceProcesses(dir: string, name: string): Promise<number[]> {
  const roots = [...processesMentioning(`${dir}/`, FIXTURE_PROGRAMS), ...processesInCgroup(name)];
  const pids = withDescendants(roots);
  const shimSockets = pids.flatMap(unixSocketPathsOf).filter((path) => path.startsWith(SHIM_SOCKET_DIR));
  signalAll(pids, "SIGKILL");
  if (!(await waitUntilGone(pids, 10_000))) {
    throw new Error(`processes ${pids.filter(isAlive).join(", ")} of test engine ${name} survived SIGKILL for 10 s`);
  }
  for (const socket of new Set(shimSockets)) rmSync(socket, { force: true });
  return pids;
}

// Container processes sit in cgroups under /<name> (dockerd runs with --cgroup-parent /<name>).
function processesInCgroup(name: string): number[] {
  return cgroupDirsOf(name).flatMap((dir) => {
    try {
      return readFileSync(join(dir, "cgroup.procs"), "utf8").split("\n").filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

// Every cgroup directory of the instance in every hierarchy, deepest first (the order rmdir needs).
function cgroupDirsOf(name: string): string[] {
  let hierarchies: string[];
  try {
    hierarchies = readdirSync(CGROUP_ROOT);
  } catch {
    return [];
  }
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
    }
    found.push(dir);
  };
  for (const hierarchy of hierarchies) {
    const top = join(CGROUP_ROOT, hierarchy, name);
    if (existsSync(top)) walk(top);
  }
  return found;
}

function removeCgroups(name: string): void {
  for (const dir of cgroupDirsOf(name)) {
    try {
      rmdirSync(dir);
    } catch {
      // A cgroup still holding a process cannot go; the processes were killed, so this is a race we
      // tolerate rather than fail teardown over an empty directory in /sys.
    }
  }
}

// Mount points in this (the host's) mount namespace at or under `dir`, deepest first.
function mountsUnder(dir: string): string[] {
  const decode = (field: string): string =>
    field.replace(/\\(\d{3})/g, (_, octal) => String.fromCharCode(parseInt(octal, 8)));
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => decode(line.split(" ")[4] ?? ""))
    .filter((point) => point === dir || point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

async function unmountUnder(dir: string): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const points = mountsUnder(dir);
    if (points.length === 0) return;
    for (const point of points) await execa("umount", ["-l", point], { reject: false });
  }
  const left = mountsUnder(dir);
  if (left.length > 0) throw new Error(`could not unmount ${left.join(", ")}; not removing ${dir} under them`);
}

async function deleteBridge(name: string): Promise<void> {
  const shown = await execa("ip", ["link", "show", name], { reject: false });
  if (shown.exitCode !== 0) return;
  const deleted = await execa("ip", ["link", "delete", name], { reject: false });
  if (deleted.exitCode !== 0) throw new Error(`ip link delete ${name} failed: ${deleted.stderr.trim()}`);
}

/** Removes an instance entirely: processes, mounts, cgroups, bridge, then its directory. Idempotent. */
export async function teardownInstance(dir: string, name: string): Promise<void> {
  await killInstanceProcesses(dir, name);
  await unmountUnder(dir);
  removeCgroups(name);
  await deleteBridge(name);
  rmSync(dir, { recursive: true, force: true });
}

/** Tears down every instance under ENGINES_BASE whose owning test process is gone. */
export async function teardownStaleInstances(): Promise<string[]> {
  let names: string[];
  try {
    names = readdirSync(ENGINES_BASE);
  } catch {
    return [];
  }
  // A hidden ".name" is an instance whose creator died between mkdir and rename (see makeInstanceDir).
  const stale = names.filter(
    (entry) => /^\.?dgm[ts][0-9a-f]{6}$/.test(entry) && !ownerIsAlive(join(ENGINES_BASE, entry)),
  );
  for (const entry of stale) await teardownInstance(join(ENGINES_BASE, entry), entry.replace(/^\./, ""));
  return stale;
}

/** A new instance directory, made under a hidden name and renamed once its owner is recorded, so a
 *  concurrent stale sweep never sees it without an owner. */
export function makeInstanceDir(prefix: "dgmt" | "dgms"): { name: string; dir: string } {
  mkdirSync(ENGINES_BASE, { recursive: true, mode: 0o700 });
  const name = `${prefix}${randomBytes(3).toString("hex")}`;
  const hidden = join(ENGINES_BASE, `.${name}`);
  mkdirSync(hidden, { mode: 0o700 });
  writeOwner(hidden);
  const dir = join(ENGINES_BASE, name);
  renameSync(hidden, dir);
  return { name, dir };
}

/** Tears a half-made instance down after `error`, adding to its message if that fails too. */
export async function withCleanupNote(error: unknown, dir: string, name: string): Promise<unknown> {
  try {
    await teardownInstance(dir, name);
  } catch (cleanupError) {
    const why = cleanupError instanceof Error ? cleanupError.message : String(cleanupError);
    if (error instanceof Error) error.message += `\n(cleaning up ${dir} failed too: ${why})`;
  }
  return error;
}
