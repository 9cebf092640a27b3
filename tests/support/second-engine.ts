// A second Docker engine on this machine for tests of the engine pool: its own dockerd (and the
// containerd it starts), data root, exec root, bridge, cgroup parent and containerd namespace,
// listening on a unix socket and, by default, on tcp://127.0.0.1:<free port> with mutual TLS.
// Never `--bridge=none` (it deletes the main engine's docker0) and never `--iptables` (the main
// engine owns the rules). The main dockerd is never signalled: teardown goes by this instance's
// directory and name only (engine-instances.ts). Needs root, like dockerd itself.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import Docker from "dockerode";
import { execa } from "execa";
import {
  logTail,
  makeInstanceDir,
  teardownInstance,
  teardownStaleInstances,
  withCleanupNote,
} from "./engine-instances.ts";
import { isAlive, waitUntilGone } from "./proc-scan.ts";
import { makeTestTlsCerts, type TlsFiles } from "./tls-certs.ts";

export interface TestEngine {
  /** Unique instance name: also its bridge, cgroup parent and containerd namespace. */
  name: string;
  /** Unix socket of the second engine. */
  socketPath: string;
  /** "tcp://127.0.0.1:<port>" (throws when started with `tcp: false`). */
  tcpHost: string;
  /** File paths of the client-side PEMs (throws when started with `tcp: false`). */
  tls: TlsFiles;
  /** The dockerd pid. */
  pid: number;
  /** dockerd's log; logTail(engine.logPath) for failure messages. */
  logPath: string;
  /** Crashes the engine: SIGKILL to dockerd only, resolved once it is gone. */
  kill(): Promise<void>;
  /** Removes everything the fixture made; idempotent, and safe after kill(). */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const GRACEFUL_STOP_MS = 15_000;

function assertCanStartEngine(): void {
  if (process.getuid?.() !== 0) {
    throw new Error("startTestEngine needs root (dockerd, bridges and mounts do); run the tests as root.");
  }
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freeLoopbackPort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function run(command: string, args: string[]): Promise<void> {
  const result = await execa(command, args, { reject: false, stdin: "ignore" });
  if (result.failed) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr.trim() || result.message}`);
}

/** A dockerode client for the engine's TCP+TLS endpoint with the given client PEMs. */
export function tlsClient(port: number, tls: TlsFiles): Docker {
  return new Docker({
    host: "127.0.0.1",
    port,
    protocol: "https",
    ca: readFileSync(tls.ca),
    cert: readFileSync(tls.cert),
    key: readFileSync(tls.key),
  });
}

// One readiness probe, bounded: a half-started daemon may accept a connection and not answer it.
async function answers(docker: Docker): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), 5_000);
  });
  const answered = docker.version().then(
    () => true,
    () => false,
  );
  return await Promise.race([answered, timeout]).finally(() => clearTimeout(timer));
}

// Waits until the engine answers on every endpoint asked for, or dockerd exits, or time runs out.
async function waitUntilReady(daemon: ChildProcess, clients: Docker[], logPath: string, name: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited: string | undefined;
  daemon.once("exit", (code, signal) => {
    exited = `dockerd exited early (${signal ?? `code ${code}`})`;
  });
  const pending = new Set(clients);
  while (pending.size > 0) {
    if (exited !== undefined) throw new Error(`test engine ${name}: ${exited}\n${logTail(logPath)}`);
    if (Date.now() > deadline) {
      throw new Error(`test engine ${name} did not answer within ${READY_TIMEOUT_MS / 1000} s\n${logTail(logPath)}`);
    }
    for (const client of [...pending]) if (await answers(client)) pending.delete(client);
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The exact recipe that coexists with the main engine (see DESIGN.md, "Machines without a registry").
function dockerdArgs(
  name: string,
  dir: string,
  socketPath: string,
  tcp?: { port: number; server: TlsFiles },
): string[] {
  const args = ["--data-root", join(dir, "root"), "--exec-root", join(dir, "exec")];
  args.push("--pidfile", join(dir, "dockerd.pid"), "--config-file", writeDaemonConfig(dir));
  args.push("-H", `unix://${socketPath}`);
  if (tcp) {
    args.push("-H", `tcp://127.0.0.1:${tcp.port}`, "--tlsverify", "--tlscacert", tcp.server.ca);
    args.push("--tlscert", tcp.server.cert, "--tlskey", tcp.server.key);
  }
  args.push("--bridge", name, "--iptables=false", "--ip-masq=false", "--cgroup-parent", `/${name}`);
  args.push("--containerd-namespace", name, "--containerd-plugins-namespace", `${name}p`);
  return args;
}

// A config file of its own: the main engine's /etc/docker/daemon.json (read by default) could set
// what the flags here also set, which dockerd refuses. And an identity of its own: dockerd 20.10
// derives info().ID from /etc/docker/key.json unless told otherwise (a config key, not a flag), so
// every engine on the machine would claim the main engine's ID.
function writeDaemonConfig(dir: string): string {
  const path = join(dir, "daemon.json");
  writeFileSync(path, JSON.stringify({ "deprecated-key-path": join(dir, "key.json") }));
  return path;
}

function notOverTcp(name: string, what: string): never {
  throw new Error(
    `test engine ${name} was started with { tcp: false }, so it has no ${what}; start it with { tcp: true }.`,
  );
}

/** Starts a second dockerd beside the main one and resolves once it answers. */
export async function startTestEngine(options: { tcp?: boolean } = {}): Promise<TestEngine> {
  assertCanStartEngine();
  const tcp = options.tcp ?? true;
  const { name, dir } = makeInstanceDir("dgmt");
  const socketPath = join(dir, "docker.sock");
  const logPath = join(dir, "dockerd.log");
  try {
    await run("ip", ["link", "add", "name", name, "type", "bridge"]);
    await run("ip", ["link", "set", name, "up"]);
    const certs = tcp ? await makeTestTlsCerts(join(dir, "tls")) : undefined;
    const port = tcp ? await freeLoopbackPort() : 0;
    const args = dockerdArgs(name, dir, socketPath, certs ? { port, server: certs.server } : undefined);
    // spawn rather than execa: a daemon outlives this call, writes straight into its log file, and
    // must not hold the test process open (detached + unref); teardown finds it by its directory.
    const log = openSync(logPath, "a");
    const daemon = spawn("dockerd", args, { detached: true, stdio: ["ignore", log, log] });
    closeSync(log);
    daemon.unref();
    const pid = daemon.pid;
    if (pid === undefined) throw new Error(`could not start dockerd for test engine ${name}\n${logTail(logPath)}`);
    const clients = [new Docker({ socketPath }), ...(certs ? [tlsClient(port, certs.client)] : [])];
    await waitUntilReady(daemon, clients, logPath, name);
    return engineHandle({ name, dir, socketPath, logPath, pid, port, client: certs?.client });
  } catch (error) {
    throw await withCleanupNote(error, dir, name);
  }
}

function engineHandle(started: {
  name: string;
  dir: string;
  socketPath: string;
  logPath: string;
  pid: number;
  port: number;
  client: TlsFiles | undefined;
}): TestEngine {
  const { name, dir, pid, client } = started;
  let stopped: Promise<void> | undefined;
  return {
    name,
    socketPath: started.socketPath,
    logPath: started.logPath,
    pid,
    get tcpHost(): string {
      return client ? `tcp://127.0.0.1:${started.port}` : notOverTcp(name, "TCP endpoint");
    },
    get tls(): TlsFiles {
      return client ?? notOverTcp(name, "TLS client certificate");
    },
    async kill(): Promise<void> {
      if (!isAlive(pid)) return;
      process.kill(pid, "SIGKILL");
      if (!(await waitUntilGone([pid], 10_000))) throw new Error(`dockerd ${pid} of ${name} survived SIGKILL`);
    },
    stop(): Promise<void> {
      stopped ??= (async () => {
        if (isAlive(pid)) {
          // SIGTERM first: dockerd then stops its containers and its containerd itself.
          process.kill(pid, "SIGTERM");
          await waitUntilGone([pid], GRACEFUL_STOP_MS);
        }
        try {
          await teardownInstance(dir, name);
        } catch (error) {
          const why = error instanceof Error ? error.message : String(error);
          throw new Error(`stopping test engine ${name} failed: ${why}\n${logTail(started.logPath)}`, { cause: error });
        }
      })();
      return stopped;
    },
  };
}

/** Streams an image from one engine into another (`docker save | docker load`), e.g. the sandbox
 *  image from the main engine into a test engine, which has no registry to pull it from either. */
export async function copyImage(from: Docker, to: Docker, tag: string): Promise<void> {
  const saved = await from.getImage(tag).get();
  const progress = await to.loadImage(saved);
  await new Promise<void>((resolve, reject) => {
    to.modem.followProgress(progress, (error: Error | null, events: Array<{ error?: string }>) => {
      const failed = error?.message ?? events.find((event) => event.error)?.error;
      if (failed) reject(new Error(`loading ${tag} into the test engine failed: ${failed}`));
      else resolve();
    });
  });
}

/** Stops every test engine (and test sshd) whose owning test process has died. */
export async function stopStaleTestEngines(): Promise<void> {
  if (process.getuid?.() !== 0) return; // only root can have started one
  const stale = await teardownStaleInstances();
  if (stale.length > 0) console.log(`[test engines] removed ${stale.length} stale instance(s): ${stale.join(", ")}`);
}

export { logTail } from "./engine-instances.ts";
export type { TlsFiles } from "./tls-certs.ts";
