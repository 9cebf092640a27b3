// The in-process evolve services: the loop's seam (EvolveServices) implemented without Docker, for fast
// loop tests and search benchmarks. Real archive, real gateway; the simulator decides gate and task
// outcomes. Not exported: the editor, profile and safe-file helpers (implementation details).

export { inProcessArtifact } from "./gate.ts";
export { UnsafePathError } from "./safe-files.ts";
export { createInProcessServices, type InProcessSeams, type InProcessWiring } from "./services.ts";
