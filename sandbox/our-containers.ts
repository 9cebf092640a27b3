// Finding the containers we made on an engine, by the labels every session carries: for prune,
// status and the tests' check that nothing was left behind.
import type Docker from "dockerode";
import { OWNER_LABEL, PROJECT_LABEL, PROJECT_LABEL_VALUE } from "./container-spec.ts";
import { dockerClient } from "./docker.ts";

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

export async function describeOurContainers(
  filter: ContainerFilter = {},
  docker = dockerClient(),
): Promise<OurContainer[]> {
  const containers = await listOurContainers(docker, filter);
  return containers.map((info) => ({
    id: info.Id.slice(0, 12),
    name: (info.Names[0] ?? "").replace(/^\//, ""),
    state: info.State,
    labels: info.Labels,
    createdAt: new Date(info.Created * 1000),
  }));
}
