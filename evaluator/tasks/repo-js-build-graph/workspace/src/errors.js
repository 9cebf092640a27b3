export class GraphError extends Error {
  constructor(message) {
    super(message);
    this.name = "GraphError";
  }
}

/** A dependency cycle; `cycle` lists the nodes on it, first node repeated at the end. */
export class CycleError extends GraphError {
  constructor(cycle) {
    super(`dependency cycle: ${cycle.join(" -> ")}`);
    this.name = "CycleError";
    this.cycle = cycle;
  }
}
