// The Docker implementation of the Sandbox contract: starts hardened sessions and prunes leftovers.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { posix } from "node:path";
import type Docker from "dockerode";
import { containerSpec, type Placement, resolveLimits } from "./container-spec.ts";
import {
  type Engine,
  type EnginePool,
  enginePool,
  engineProgressLog,
  ensureImageOn,
  ensureTreeVolume,
  type Lease,
} from "./engines/index.ts";
import { EngineLostError, SandboxError } from "./errors.ts";
import { RELAY_TREE, startGatewayTunnel } from "./gateway-tunnel/index.ts";
import { sandboxImageTag } from "./image/recipe.ts";
import { fillImageDirs, ImageDirError } from "./image-dirs.ts";
import { listOurContainers } from "./our-containers.ts";
import { DockerSession } from "./session.ts";
import type { Sandbox, SandboxLimits, SandboxSession, SessionOptions } from "./types.ts";

export class DockerSandbox implements Sandbox {
  /** Sessions go to the given pool's engines; by default the process's pool (see configureEngines). */
  constructor(private readonly poolOverride?: EnginePool) {}

  private get pool(): EnginePool {
    return this.poolOverride ?? enginePool();
  }

  async startSession(options: SessionOptions): Promise<SandboxSession> {
    const image = options.image ?? sandboxImageTag();
    const limits = resolveLimits(options.limits);
    const tried = new Set<string>();
    for (;;) {
      const lease = await this.pool.acquire({ exclude: tried });
      try {
        return await this.startOn(lease, options, image, limits);
      } catch (error) {
        lease.release();
        // Nothing ran yet: an engine that stopped answering is simply left for another one.
        if (!(await this.pool.confirm(lease.engine))) {
          tried.add(lease.engine.name);
          continue;
        }
        throw error;
      }
    }
  }

  private async startOn(
    lease: Lease,
    options: SessionOptions,
    image: string,
    limits: SandboxLimits,
  ): Promise<SandboxSession> {
    const { engine } = lease;
    // The copy path's gateway relay is a tree of its own, mounted like the others.
    if (engine.spec.files === "copy" && options.gateway) {
      options = { ...options, trees: [...(options.trees ?? []), RELAY_TREE] };
    }
    const placement = await preparePlacement(engine, options, image);
    const spec = containerSpec(options, image, limits, placement);
    const name = `dgm-${options.labels.purpose}-${randomBytes(4).toString("hex")}`;
    let container: Docker.Container;
    try {
      container = await engine.docker.createContainer({ ...spec, name });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const fix = /no such image/i.test(message)
        ? `the sandbox image ${image} is missing. Fix: \`dgm sandbox build\`.`
        : "Fix: check `dgm doctor`.";
      throw new SandboxError(`could not create a sandbox container on engine ${engine.name}: ${message}; ${fix}`, {
        cause: error,
      });
    }
    // From here the session owns the slot: its destroy gives it back.
    const session = new DockerSession(container, lease, this.pool);
    try {
      await container.start();
      if (placement.files === "copy") await deliverCopies(session, container, options, placement);
      await fillImageDirs(engine.docker, container, image, options.imageDirs ?? [], options.labels, engine.name);
    } catch (error) {
      await session.destroy().catch(() => {});
      // An image directory that cannot be copied says why and what to change itself.
      if (error instanceof EngineLostError || error instanceof ImageDirError) throw error;
      throw new SandboxError(
        `could not start a sandbox container on engine ${engine.name}: ${error instanceof Error ? error.message : error}. Fix: check \`dgm doctor\`.`,
        { cause: error },
      );
    }
    return session;
  }

  /** Removes our containers on every engine that answers (one that does not is skipped). */
  async prune(filter: { run?: string; engine?: string } = {}): Promise<number> {
    let removed = 0;
    for (const engine of this.pool.engines) {
      if (filter.engine && engine.name !== filter.engine) continue;
      const containers = await listOurContainers(engine.docker, filter).catch(() => []);
      const results = await Promise.allSettled(
        containers.map((info) => engine.docker.getContainer(info.Id).remove({ force: true, v: true })),
      );
      removed += results.filter((result) => result.status === "fulfilled").length;
    }
    return removed;
  }
}

/** Makes the image and trees present on the engine and decides how files reach the container. */
async function preparePlacement(engine: Engine, options: SessionOptions, image: string): Promise<Placement> {
  const placement: Placement = {
    engine: engine.name,
    files: engine.spec.files,
    treeVolumes: new Map(),
    fileDirs: new Map(),
  };
  await ensureImageOn(engine, image, engineProgressLog());
  if (placement.files === "bind") return placement;
  if (options.mounts?.length) {
    throw new SandboxError(
      `engine ${engine.name} cannot bind-mount host paths (${options.mounts.map((mount) => mount.hostPath).join(", ")}); use trees or files`,
    );
  }
  for (const tree of options.trees ?? []) {
    placement.treeVolumes.set(tree.name, await ensureTreeVolume(engine, tree, image));
  }
  for (const file of options.files ?? []) {
    const dir = posix.dirname(file.containerPath);
    const files = placement.fileDirs.get(dir) ?? {};
    files[posix.basename(file.containerPath)] = await readFile(file.hostPath);
    placement.fileDirs.set(dir, files);
  }
  return placement;
}

/** The copy path's per-session work: the files copied in as root, the gateway tunnel started. */
async function deliverCopies(
  session: DockerSession,
  container: Docker.Container,
  options: SessionOptions,
  placement: Placement,
) {
  for (const [dir, files] of placement.fileDirs) await session.writeFilesAsRoot(dir, files);
  if (options.gateway) session.attach(await startGatewayTunnel(container, options.gateway));
}

/** Runs fn with a fresh session and destroys it afterwards, whatever happens. */
export async function withSession<T>(
  sandbox: Sandbox,
  options: SessionOptions,
  fn: (session: SandboxSession) => Promise<T>,
): Promise<T> {
  const session = await sandbox.startSession(options);
  try {
    return await fn(session);
  } finally {
    await session.destroy();
  }
}
