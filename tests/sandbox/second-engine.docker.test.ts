// The fixture behind the engine-pool tests: a second dockerd on this machine, reached over its unix
// socket, over TCP with mutual TLS and over SSH (docker-modem's `docker system dial-stdio`), which
// can be crashed and must then be cleaned up without a trace and without disturbing the main engine.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import Docker from "dockerode";
import { execa } from "execa";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sandboxImageTag } from "../../sandbox/index.ts";
import { describeDocker } from "../support/docker.ts";
import { ENGINES_BASE } from "../support/engine-instances.ts";
import { isAlive, processesMentioning, unixSocketPathsOf } from "../support/proc-scan.ts";
import {
  copyImage,
  logTail,
  startTestEngine,
  stopStaleTestEngines,
  type TestEngine,
  tlsClient,
} from "../support/second-engine.ts";
import { startSshEngine, type TestSshEngine } from "../support/ssh-engine.ts";

const repoRoot = new URL("../..", import.meta.url).pathname;
const FIXTURE_PROGRAMS = ["dockerd", "containerd", "containerd-shim-runc-v2", "sshd"];

function portOf(engine: TestEngine): number {
  return Number(new URL(engine.tcpHost.replace(/^tcp:/, "http:")).port);
}

function sshClient(ssh: TestSshEngine): Docker {
  return new Docker({
    protocol: "ssh",
    host: "127.0.0.1",
    port: ssh.port,
    username: ssh.username,
    sshOptions: { privateKey: readFileSync(ssh.privateKeyPath) },
  });
}

function linkExists(name: string): boolean {
  try {
    execFileSync("ip", ["link", "show", name], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function mountsUnder(dir: string): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4] ?? "")
    .filter((point) => point.startsWith(`${dir}/`));
}

function cgroupsNamed(name: string): string[] {
  return readdirSync("/sys/fs/cgroup")
    .map((hierarchy) => join("/sys/fs/cgroup", hierarchy, name))
    .filter(existsSync);
}

async function errorCodeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return String((error as { code?: unknown }).code ?? (error as Error).message);
  }
  return "answered";
}

// Runs `echo hi` through a hijacked exec with stdin attached (how sandbox/exec.ts drives every command).
async function hijackedEcho(docker: Docker, containerId: string): Promise<string> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: ["echo", "hi"],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({ hijack: true, stdin: true });
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  docker.modem.demuxStream(stream, stdout, new PassThrough());
  const ended = new Promise<void>((resolve, reject) => {
    stream.once("end", resolve);
    stream.once("close", resolve);
    stream.once("error", reject);
  });
  stream.end();
  await ended;
  return Buffer.concat(chunks).toString("utf8");
}

describeDocker("a second Docker engine beside the main one (tests/support)", () => {
  const main = new Docker();
  const figures: Record<string, number> = {};
  let engine: TestEngine;
  let ssh: TestSshEngine;
  let engineDir: string;
  let lingering: number[] = [];
  let shimSockets: string[] = [];

  const withLogs = (): string => `${logTail(engine.logPath)}\n${logTail(ssh.logPath)}`;

  beforeAll(async () => {
    let started = Date.now();
    engine = await startTestEngine();
    figures.startEngineMs = Date.now() - started;
    engineDir = dirname(engine.socketPath);
    started = Date.now();
    ssh = await startSshEngine(engine);
    figures.startSshMs = Date.now() - started;
  });
  afterAll(async () => {
    await ssh?.stop();
    await engine?.stop();
    console.log(`[second engine] ${JSON.stringify(figures)}`);
  });

  it("answers over TCP+TLS with the client certificate and refuses a client without one", async () => {
    const version = await tlsClient(portOf(engine), engine.tls).version();
    expect(version.ApiVersion, withLogs()).toMatch(/^\d+\.\d+$/);
    const noClientCert = new Docker({
      host: "127.0.0.1",
      port: portOf(engine),
      protocol: "https",
      ca: readFileSync(engine.tls.ca),
    });
    expect(await errorCodeOf(noClientCert.version())).not.toBe("answered");
  });

  it("answers over its unix socket as an engine of its own", async () => {
    const [own, mainInfo] = await Promise.all([new Docker({ socketPath: engine.socketPath }).info(), main.info()]);
    expect(own.DockerRootDir).toBe(join(engineDir, "root"));
    expect(own.ID).not.toBe(mainInfo.ID);
    expect(linkExists("docker0")).toBe(true);
  });

  it("over SSH is the same engine, and a hijacked exec works through it", async () => {
    const overSsh = sshClient(ssh);
    const [viaSsh, viaSocket] = await Promise.all([
      overSsh.info(),
      new Docker({ socketPath: engine.socketPath }).info(),
    ]);
    expect(viaSsh.ID, withLogs()).toBe(viaSocket.ID);
    expect(viaSsh.DockerRootDir).toBe(viaSocket.DockerRootDir);
    const loadStarted = Date.now();
    await copyImage(main, new Docker({ socketPath: engine.socketPath }), sandboxImageTag());
    figures.loadSandboxImageMs = Date.now() - loadStarted;
    const container = await overSsh.createContainer({
      Image: sandboxImageTag(),
      Cmd: ["sleep", "300"],
      HostConfig: { NetworkMode: "none", AutoRemove: false },
    });
    try {
      await container.start();
      expect(await hijackedEcho(overSsh, container.id), withLogs()).toBe("hi\n");
    } finally {
      await container.remove({ force: true });
    }
  });

  it("leaves engines whose test process lives to the stale sweep, and removes one whose process died", async () => {
    // A child test process starts an engine and exits without stopping it, as a killed worker would.
    const script = `import { startTestEngine } from ${JSON.stringify(join(repoRoot, "tests/support/second-engine.ts"))};
      const engine = await startTestEngine({ tcp: false });
      console.log(JSON.stringify({ name: engine.name, pid: engine.pid }));
      process.exit(0);`;
    const child = await execa(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: repoRoot,
    });
    const orphan = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as { name: string; pid: number };
    expect(isAlive(orphan.pid)).toBe(true);
    expect(existsSync(join(ENGINES_BASE, orphan.name))).toBe(true);
    await stopStaleTestEngines();
    expect(isAlive(orphan.pid)).toBe(false);
    expect(existsSync(join(ENGINES_BASE, orphan.name))).toBe(false);
    expect(linkExists(orphan.name)).toBe(false);
    expect(processesMentioning(join(ENGINES_BASE, orphan.name), FIXTURE_PROGRAMS)).toEqual([]);
    // This file's own engine and sshd belong to a live process: untouched.
    expect(await new Docker({ socketPath: engine.socketPath }).ping()).toBeTruthy();
    expect(existsSync(dirname(ssh.logPath))).toBe(true);
  });

  it("kill() crashes it: calls fail at once, docker0 and the main engine stay", async () => {
    // A running container makes the crash realistic: its shim and processes outlive dockerd.
    const unix = new Docker({ socketPath: engine.socketPath });
    const container = await unix.createContainer({
      Image: sandboxImageTag(),
      Cmd: ["sleep", "300"],
      HostConfig: { NetworkMode: "none" },
    });
    await container.start();
    await engine.kill();
    expect(isAlive(engine.pid)).toBe(false);
    lingering = processesMentioning(`${engineDir}/`, FIXTURE_PROGRAMS);
    expect(lingering.length, "a crash leaves the container's shim behind").toBeGreaterThan(0);
    shimSockets = lingering.flatMap(unixSocketPathsOf).filter((path) => path.startsWith("/run/containerd/s/"));
    // Socket-level refusals, not timeouts. A request that goes out on a kept-alive connection (Node's
    // global agent pools them per socket path) before its close is read fails with EPIPE or ECONNRESET.
    const engineGone = ["ECONNREFUSED", "ENOENT", "EPIPE", "ECONNRESET"];
    expect(engineGone).toContain(await errorCodeOf(unix.version()));
    expect(engineGone).toContain(await errorCodeOf(new Docker({ socketPath: engine.socketPath }).version()));
    expect(engineGone).toContain(await errorCodeOf(tlsClient(portOf(engine), engine.tls).version()));
    expect(await errorCodeOf(sshClient(ssh).version())).not.toBe("answered");
    expect(linkExists("docker0")).toBe(true);
    expect((await main.version()).ApiVersion).toMatch(/^\d+\.\d+$/);
  });

  it("stop() leaves no process, mount, cgroup, directory or bridge behind, and may be called again", async () => {
    expect(lingering.length).toBeGreaterThan(0);
    const sshDir = dirname(ssh.logPath);
    const stopStarted = Date.now();
    await Promise.all([ssh.stop(), engine.stop()]);
    figures.stopMs = Date.now() - stopStarted;
    expect(lingering.filter(isAlive)).toEqual([]);
    expect(shimSockets.filter(existsSync)).toEqual([]);
    expect(processesMentioning(`${engineDir}/`, FIXTURE_PROGRAMS)).toEqual([]);
    expect(processesMentioning(`${sshDir}/`, FIXTURE_PROGRAMS)).toEqual([]);
    expect(mountsUnder(engineDir)).toEqual([]);
    expect(cgroupsNamed(engine.name)).toEqual([]);
    expect(existsSync(engineDir)).toBe(false);
    expect(existsSync(sshDir)).toBe(false);
    expect(linkExists(engine.name)).toBe(false);
    expect(linkExists("docker0")).toBe(true);
    await engine.stop();
    await ssh.stop();
  });
});

describeDocker("a second Docker engine without TCP", () => {
  it("says how to get a TCP endpoint when asked for one", async () => {
    const engine = await startTestEngine({ tcp: false });
    try {
      expect(() => engine.tcpHost).toThrow(/started with \{ tcp: false \}.*\{ tcp: true \}/);
      expect(() => engine.tls).toThrow(/tcp: false/);
      expect((await new Docker({ socketPath: engine.socketPath }).ping()).toString()).toBe("OK");
    } finally {
      await engine.stop();
    }
  });
});
