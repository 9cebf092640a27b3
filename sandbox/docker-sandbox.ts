// The Docker implementation of the Sandbox contract: starts hardened sessions and prunes leftovers.
import { randomBytes } from "node:crypto";
import type Docker from "dockerode";
import { containerSpec, OWNER_LABEL, PROJECT_LABEL, PROJECT_LABEL_VALUE, resolveLimits } from "./container-spec.ts";
import { dockerClient } from "./docker.ts";
import { SandboxError } from "./errors.ts";
import { sandboxImageTag } from "./image/recipe.ts";
import { DockerSession } from "./session.ts";
import type { Sandbox, SandboxSession, SessionOptions } from "./types.ts";

export class DockerSandbox implements Sandbox {
  constructor(private readonly docker: Docker = dockerClient()) {}

  async startSession(options: SessionOptions): Promise<SandboxSession> {
    const image = options.image ?? sandboxImageTag();
    const spec = containerSpec(options, image, resolveLimits(options.limits));
    const name = `dgm-${options.labels.purpose}-${randomBytes(4).toString("hex")}`;
    let container: Docker.Container;
    try {
      container = await this.docker.createContainer({ ...spec, name });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const fix = /no such image/i.test(message)
        ? `the sandbox image ${image} is missing. Fix: \`dgm sandbox build\`.`
        : "Fix: check `dgm doctor`.";
      throw new SandboxError(`could not create a sandbox container: ${message}; ${fix}`, { cause: error });
    }
    const session = new DockerSession(container);
    try {
      await container.start();
    } catch (error) {
      await session.destroy();
      throw new SandboxError(
        `could not start a sandbox container: ${error instanceof Error ? error.message : error}. Fix: check \`dgm doctor\`.`,
        { cause: error },
      );
    }
    return session;
  }

  async prune(filter: { run?: string } = {}): Promise<number> {
    const containers = await listOurContainers(this.docker, filter);
    const results = await Promise.allSettled(
      containers.map((info) => this.docker.getContainer(info.Id).remove({ force: true, v: true })),
    );
    return results.filter((result) => result.status === "fulfilled").length;
  }
}

export interface ContainerFilter {
  run?: string;
  /** Only containers made under this $DGM_SANDBOX_OWNER (e.g. one test run). */
  owner?: string;
}

export interface OurContainer {
  id: string;
  name: string;
  state: string;
  labels: Record<string, string>;
  createdAt: Date;
}

/** Every container (running or not) carrying our project label, optionally of one run. */
export async function listOurContainers(
  docker: Docker = dockerClient(),
  filter: ContainerFilter = {},
): Promise<Docker.ContainerInfo[]> {
  const label = [`${PROJECT_LABEL}=${PROJECT_LABEL_VALUE}`];
  if (filter.run) label.push(`dgm.run=${filter.run}`);
  if (filter.owner) label.push(`${OWNER_LABEL}=${filter.owner}`);
  return docker.listContainers({ all: true, filters: { label } });
}

export async function describeOurContainers(filter: ContainerFilter = {}): Promise<OurContainer[]> {
  const containers = await listOurContainers(dockerClient(), filter);
  return containers.map((info) => ({
    id: info.Id.slice(0, 12),
    name: (info.Names[0] ?? "").replace(/^\//, ""),
    state: info.State,
    labels: info.Labels,
    createdAt: new Date(info.Created * 1000),
  }));
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
