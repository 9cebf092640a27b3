import { toposort } from "./toposort.js";

/**
 * A node is rebuilt when it is not listed as up to date, or when any of its dependencies is
 * rebuilt (its inputs change). toposort's order guarantees dependencies are decided first.
 */
export function plan(graph, targets, { upToDate = [] } = {}) {
  const fresh = new Set(upToDate);
  const rebuilt = new Set();
  for (const name of toposort(graph, targets)) {
    if (!fresh.has(name) || graph.dependencies(name).some((dep) => rebuilt.has(dep))) rebuilt.add(name);
  }
  return toposort(graph, targets).filter((name) => rebuilt.has(name));
}
