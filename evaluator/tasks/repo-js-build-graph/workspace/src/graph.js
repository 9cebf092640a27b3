import { GraphError } from "./errors.js";

export class Graph {
  #deps = new Map();

  addNode(name) {
    if (!this.#deps.has(name)) this.#deps.set(name, new Set());
    return this;
  }

  addEdge(from, to) {
    this.addNode(from).addNode(to);
    this.#deps.get(from).add(to);
    return this;
  }

  has(name) {
    return this.#deps.has(name);
  }

  dependencies(name) {
    const deps = this.#deps.get(name);
    if (!deps) throw new GraphError(`unknown target ${name}`);
    return [...deps].sort();
  }

  nodes() {
    return [...this.#deps.keys()].sort();
  }
}
