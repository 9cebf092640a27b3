import { toposort } from "./toposort.js";

export function plan(graph, targets, { upToDate = [] } = {}) {
  const fresh = new Set(upToDate);
  return toposort(graph, targets).filter((name) => !fresh.has(name));
}
