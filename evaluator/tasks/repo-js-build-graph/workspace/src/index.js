export { CycleError, GraphError } from "./errors.js";
export { Graph } from "./graph.js";
export { parseBuildfile } from "./parse.js";
export { plan } from "./plan.js";
export { toposort } from "./toposort.js";
