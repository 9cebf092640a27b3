import { GraphError } from "./errors.js";
import { Graph } from "./graph.js";

const NAME = /^[A-Za-z0-9_./-]+$/;

export function parseBuildfile(text) {
  const graph = new Graph();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") return;
    const colon = line.indexOf(":");
    if (colon === -1) throw new GraphError(`line ${index + 1}: expected "target: deps"`);
    const target = line.slice(0, colon).trim();
    const deps = line.slice(colon + 1).trim().split(/\s+/).filter(Boolean);
    for (const name of [target, ...deps]) {
      if (!NAME.test(name)) throw new GraphError(`line ${index + 1}: invalid name ${JSON.stringify(name)}`);
    }
    graph.addNode(target);
    for (const dep of deps) graph.addEdge(target, dep);
  });
  return graph;
}
