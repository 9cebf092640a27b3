import { CycleError, GraphError } from "./errors.js";

export function toposort(graph, targets = graph.nodes()) {
  const order = [];
  const done = new Set();
  // The current depth-first path: a dependency already on it closes a cycle.
  const path = [];
  const onPath = new Set();
  const visit = (name) => {
    if (done.has(name)) return;
    if (onPath.has(name)) throw new CycleError([...path.slice(path.indexOf(name)), name]);
    path.push(name);
    onPath.add(name);
    for (const dep of graph.dependencies(name)) visit(dep);
    path.pop();
    onPath.delete(name);
    done.add(name);
    order.push(name);
  };
  for (const target of targets) {
    if (!graph.has(target)) throw new GraphError(`unknown target ${target}`);
    visit(target);
  }
  return order;
}
