// Part 1 of bench:engines: what one session costs, phase by phase, on each variant. A session looks
// like an agent's: the toolchain tree, an agent bundle, the gateway socket. Then ~50 small files are
// copied in, `true` is exec'd, the files are copied out, and the session is destroyed. The first
// session on a variant is reported apart ("first use": the image and trees are copied to a new engine).
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Sandbox, SandboxSession, SessionOptions } from "../../sandbox/index.ts";
import type { VariantKey } from "./targets.ts";

export const PHASES = ["start", "copyIn", "exec", "copyOut", "destroy"] as const;
export type Phase = (typeof PHASES)[number];
export type SessionTimes = Record<Phase | "total", number>;

export const WORKSPACE_FILES = 50;
const BUNDLE_BYTES = 200 * 1024;
const CONTAINER_WORKSPACE = "/workspace/project";
const COPY_OUT_POLICY = { symlinks: "refuse" as const, maxBytes: 64 * 1024 * 1024, maxEntries: 1_000 };

/** A small project: WORKSPACE_FILES source files of 0.5–4 KB in a few directories. */
export async function writeWorkspace(dir: string): Promise<void> {
  for (let index = 0; index < WORKSPACE_FILES; index++) {
    const sub = join(dir, `src/module-${index % 5}`);
    await mkdir(sub, { recursive: true });
    const text = `// file ${index}\nexport const value${index} = "${randomBytes(256 + ((index * 37) % 1_800)).toString("hex")}";\n`;
    await writeFile(join(sub, `file-${index}.ts`), text);
  }
}

/** A stand-in for an agent bundle, delivered as the agent runner delivers the real one. */
export async function writeBundle(file: string): Promise<void> {
  await writeFile(file, `// bench bundle\nexport const padding = "${"x".repeat(BUNDLE_BYTES)}";\n`);
}

export function agentLikeSession(parts: {
  image: string;
  toolchainTree: NonNullable<SessionOptions["trees"]>[number];
  bundleFile: string;
  gatewaySocketPath: string;
}): SessionOptions {
  return {
    labels: { purpose: "bench", run: "bench-engines" },
    image: parts.image,
    trees: [parts.toolchainTree],
    files: [{ hostPath: parts.bundleFile, containerPath: "/agent/agent.mjs" }],
    gateway: { hostSocketPath: parts.gatewaySocketPath, containerSocketPath: "/gateway/gateway.sock" },
  };
}

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).length;
}

/** One session through every phase, each timed on its own; fails loudly when a phase did not do its work. */
export async function timeOneSession(
  sandbox: Sandbox,
  options: SessionOptions,
  workspaceDir: string,
  outDir: string,
): Promise<SessionTimes> {
  const times: Partial<SessionTimes> = {};
  const began = performance.now();
  let lapStart = began;
  const lap = (phase: Phase): void => {
    const now = performance.now();
    times[phase] = now - lapStart;
    lapStart = now;
  };
  const session: SandboxSession = await sandbox.startSession(options);
  lap("start");
  try {
    await session.copyIn(workspaceDir, CONTAINER_WORKSPACE);
    lap("copyIn");
    const ran = await session.exec({ cmd: ["true"], timeoutMs: 30_000 });
    lap("exec");
    if (ran.status !== "ok" || ran.exitCode !== 0) {
      throw new Error(
        `exec true on engine ${session.engine} ended ${ran.status} (exit ${ran.exitCode}): ${ran.stderr}`,
      );
    }
    await session.copyOut(CONTAINER_WORKSPACE, outDir, COPY_OUT_POLICY);
    lap("copyOut");
  } finally {
    lapStart = performance.now();
    await session.destroy();
    lap("destroy");
  }
  const copied = await countFiles(outDir);
  await rm(outDir, { recursive: true, force: true });
  if (copied !== WORKSPACE_FILES) throw new Error(`copied ${copied} files out, expected ${WORKSPACE_FILES}`);
  return { ...(times as Record<Phase, number>), total: performance.now() - began };
}

export interface SessionMeasurements {
  firstUse: Record<string, SessionTimes>;
  samples: Record<string, SessionTimes[]>;
}

/**
 * The first session on each variant, then `rounds` sessions on each, interleaved (a, b, c, a, b, c…)
 * so that a slow stretch of the machine falls on every variant alike.
 */
export async function measureSessions(
  variants: Array<{ key: VariantKey; sandbox: Sandbox }>,
  options: SessionOptions,
  rounds: number,
  dirs: { workspace: string; scratch: string },
  progress: (line: string) => void,
): Promise<SessionMeasurements> {
  const firstUse: Record<string, SessionTimes> = {};
  const samples: Record<string, SessionTimes[]> = {};
  const out = (key: string, round: number | string) => join(dirs.scratch, `out-${key}-${round}`);
  for (const { key, sandbox } of variants) {
    firstUse[key] = await timeOneSession(sandbox, options, dirs.workspace, out(key, "first"));
    samples[key] = [];
    progress(`  (${key}) first session: ${(firstUse[key].total / 1000).toFixed(1)} s`);
  }
  for (let round = 0; round < rounds; round++) {
    for (const { key, sandbox } of variants) {
      samples[key]?.push(await timeOneSession(sandbox, options, dirs.workspace, out(key, round)));
    }
    if ((round + 1) % 5 === 0 || round + 1 === rounds) progress(`  sessions: ${round + 1}/${rounds} rounds`);
  }
  return { firstUse, samples };
}
