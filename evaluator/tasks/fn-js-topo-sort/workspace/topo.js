export class CycleError extends Error {}

export function topoSort(graph) {
  throw new Error("not implemented");
}
