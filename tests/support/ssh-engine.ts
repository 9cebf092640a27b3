// SSH access to a test engine, the way a remote Docker host is reached: dockerode (docker-modem over
// ssh2) logs in and runs `docker system dial-stdio`, and that docker CLI must talk to the given
// engine. A private sshd does it: its own config, host key, authorized client key and port on
// loopback, key-only root login, and `SetEnv DOCKER_HOST=unix://<engine socket>` for every session.
// Sessions also get HOME=<its directory>: bash sources ~/.bashrc even for `bash -c` when sshd starts
// it, and this machine's root .bashrc can hang (its `pyenv rehash` waited a minute on a stale lock
// file), which made every SSH call of the tests time out in CI.
// Its directory lives beside the engines' (ENGINES_BASE) so the stale sweep removes it too.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { execa } from "execa";
import { logTail, makeInstanceDir, teardownInstance, withCleanupNote } from "./engine-instances.ts";
import { freeLoopbackPort, type TestEngine } from "./second-engine.ts";

export interface TestSshEngine {
  /** "ssh://root@127.0.0.1:<port>" */
  host: string;
  /** Path of the client's private key (OpenSSH ed25519, no passphrase). */
  privateKeyPath: string;
  /** The server's public host key (what `ssh.hostKey` pins, by its fingerprint). */
  hostPublicKeyPath: string;
  /** The user the key logs in as. */
  username: string;
  /** The sshd's port on 127.0.0.1. */
  port: number;
  /** sshd's log (-e -o LogLevel=VERBOSE): why a login or a session failed. */
  logPath: string;
  /** Stops the sshd and its sessions, removes its directory; idempotent. */
  stop(): Promise<void>;
}

const SSHD = "/usr/sbin/sshd"; // sshd re-executes itself, so it must be started by absolute path
const PRIVSEP_DIR = "/run/sshd";
const READY_TIMEOUT_MS = 20_000;
const USER = "root";

// The PATH sshd gives root's sessions, where `docker system dial-stdio` must be found.
const SESSION_PATH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

function assertSshdInstalled(): void {
  if (!existsSync(SSHD)) {
    throw new Error(`${SSHD} is missing: install openssh-server (bash scripts/setup-machine.sh installs it).`);
  }
  if (!SESSION_PATH.some((dir) => existsSync(join(dir, "docker")))) {
    throw new Error(
      `no docker CLI in ${SESSION_PATH.join(":")}: SSH sessions run \`docker system dial-stdio\`; install docker.io.`,
    );
  }
  // Debian's sshd refuses to start without its privilege separation directory, which only its
  // service unit creates; where no service manager runs nobody has.
  mkdirSync(PRIVSEP_DIR, { recursive: true, mode: 0o755 });
}

async function newKey(path: string, comment: string): Promise<void> {
  const result = await execa("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", path], {
    reject: false,
    stdin: "ignore",
  });
  if (result.failed) throw new Error(`ssh-keygen for ${path} failed: ${result.stderr.trim() || result.message}`);
}

function sshdConfig(dir: string, port: number, engineSocket: string): string {
  return [
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${join(dir, "host_ed25519")}`,
    `PidFile ${join(dir, "sshd.pid")}`,
    `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
    `AllowUsers ${USER}`,
    "PermitRootLogin prohibit-password",
    "PubkeyAuthentication yes",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    // The instance directory sits under /tmp (world-writable), which StrictModes would reject.
    "StrictModes no",
    "PermitTTY no",
    "X11Forwarding no",
    "AllowAgentForwarding no",
    "AllowTcpForwarding no",
    "PermitUserEnvironment no",
    `SetEnv DOCKER_HOST=unix://${engineSocket} HOME=${dir}`,
    // docker-modem opens one SSH connection per API call; the default (10 unauthenticated at once,
    // then random drops) would fail a test that makes calls in parallel.
    "MaxStartups 200",
    "MaxSessions 200",
    "LogLevel VERBOSE",
    "",
  ].join("\n");
}

// Ready means an OpenSSH banner on the port: a bare accepted connection could be another process
// that took the free port first (sshd then exits, which the wait below reports with its log).
function greetsWithSsh(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.setTimeout(2_000, () => socket.destroy());
    socket.once("data", (chunk: Buffer) => {
      socket.destroy();
      resolve(chunk.toString("latin1").startsWith("SSH-2.0-OpenSSH"));
    });
    socket.once("close", () => resolve(false));
    socket.once("error", () => resolve(false));
  });
}

async function waitUntilListening(sshd: ChildProcess, port: number, logPath: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited: string | undefined;
  sshd.once("exit", (code, signal) => {
    exited = `sshd exited early (${signal ?? `code ${code}`})`;
  });
  while (!(await greetsWithSsh(port))) {
    if (exited !== undefined) throw new Error(`test sshd on port ${port}: ${exited}\n${logTail(logPath)}`);
    if (Date.now() > deadline) {
      throw new Error(
        `test sshd did not listen on 127.0.0.1:${port} within ${READY_TIMEOUT_MS / 1000} s\n${logTail(logPath)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A private sshd (its own config, host key, client key, port) whose sessions see DOCKER_HOST=unix://<engine socket>. */
export async function startSshEngine(engine: Pick<TestEngine, "socketPath">): Promise<TestSshEngine> {
  if (process.getuid?.() !== 0) throw new Error("startSshEngine needs root (sshd does); run the tests as root.");
  assertSshdInstalled();
  const { name, dir } = makeInstanceDir("dgms");
  const logPath = join(dir, "sshd.log");
  try {
    const privateKeyPath = join(dir, "client_ed25519");
    await Promise.all([newKey(join(dir, "host_ed25519"), `${name}-host`), newKey(privateKeyPath, `${name}-client`)]);
    writeFileSync(join(dir, "authorized_keys"), readFileSync(`${privateKeyPath}.pub`), { mode: 0o600 });
    const port = await freeLoopbackPort();
    const configPath = join(dir, "sshd_config");
    writeFileSync(configPath, sshdConfig(dir, port, engine.socketPath), { mode: 0o600 });
    const checked = await execa(SSHD, ["-t", "-f", configPath], { reject: false, stdin: "ignore" });
    if (checked.failed) throw new Error(`sshd rejects its test config ${configPath}: ${checked.stderr.trim()}`);
    // -D: stay in the foreground as our child (its pid is ours to track); -e: log to the log file.
    const log = openSync(logPath, "a");
    const sshd = spawn(SSHD, ["-D", "-e", "-f", configPath], { detached: true, stdio: ["ignore", log, log] });
    closeSync(log);
    sshd.unref();
    await waitUntilListening(sshd, port, logPath);
    let stopped: Promise<void> | undefined;
    return {
      host: `ssh://${USER}@127.0.0.1:${port}`,
      privateKeyPath,
      hostPublicKeyPath: join(dir, "host_ed25519.pub"),
      username: USER,
      port,
      logPath,
      stop(): Promise<void> {
        stopped ??= teardownInstance(dir, name);
        return stopped;
      },
    };
  } catch (error) {
    throw await withCleanupNote(error, dir, name);
  }
}
