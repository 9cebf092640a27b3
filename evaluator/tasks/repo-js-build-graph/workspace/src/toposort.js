import { GraphError } from "./errors.js";

export function toposort(graph, targets = graph.nodes()) {
  const order = [];
  const done = new Set();
  const visit = (name) => {
    if (done.has(name)) return;
    for (const dep of graph.dependencies(name)) visit(dep);
    done.add(name);
    order.push(name);
  };
  for (const target of targets) {
    if (!graph.has(target)) throw new GraphError(`unknown target ${target}`);
    visit(target);
  }
  return order;
}
