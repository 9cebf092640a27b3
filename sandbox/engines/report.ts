// What `dgm doctor` and `dgm sandbox status` say about each engine: asked afresh, all at once, with
// its version, slots, how files reach it, whether the given images are there, and our containers on it.
import { listOurContainers } from "../our-containers.ts";
import type { Engine } from "./engine.ts";
import { imagePresent } from "./images.ts";
import type { EnginePool } from "./pool.ts";

export interface EngineReport {
  name: string;
  /** The configured host, or "local (DOCKER_HOST or the default socket)". */
  host: string;
  files: "bind" | "copy";
  slots: number;
  health: "up" | "down";
  /** Why it does not answer, when it does not. */
  error?: string;
  version?: string;
  apiVersion?: string;
  os?: string;
  cpus?: number;
  memoryBytes?: number;
  /** Each asked image tag, and whether the engine has it (a missing one is copied on first use). */
  images: Array<{ tag: string; present: boolean }>;
  containers: number;
  /** What is answered but not as safe as it could be (an SSH host key that is not pinned). */
  warnings: string[];
}

export function reportEngines(pool: EnginePool, tags: string[]): Promise<EngineReport[]> {
  return Promise.all(pool.engines.map((engine) => reportEngine(engine, tags)));
}

async function reportEngine(engine: Engine, tags: string[]): Promise<EngineReport> {
  const { connection } = engine.spec;
  const warnings =
    connection.kind === "ssh" && !connection.hostKey
      ? [
          "its SSH host key is not pinned: any server answering there is trusted (set ssh.hostKey to what `ssh-keygen -lf` prints for the server's key)",
        ]
      : [];
  const base = {
    warnings,
    name: engine.name,
    host: engine.spec.host ?? "local (DOCKER_HOST or the default socket)",
    files: engine.spec.files,
    slots: engine.slots,
  };
  if (!(await engine.probe())) {
    return { ...base, health: "down", error: engine.lastError ?? "no answer", images: [], containers: 0 };
  }
  const identity = engine.identity;
  const images = await Promise.all(
    tags.map(async (tag) => ({ tag, present: await imagePresent(engine.docker, tag).catch(() => false) })),
  );
  const containers = (await listOurContainers(engine.docker).catch(() => [])).length;
  return { ...base, health: "up", ...identity, images, containers };
}
