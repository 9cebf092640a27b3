// The in-process evolve services: the loop's seam (EvolveServices) implemented without Docker, for fast
// loop tests and search benchmarks. Real archive, real gateway; the simulator decides gate and task
// outcomes. Deliberately not exported: the editor, the agent profile and the safe-file helpers, which
// are how these services work, not what they offer (tests reach them by path).

export { inProcessArtifact } from "./gate.ts";
export { UnsafePathError } from "./safe-files.ts";
export { createInProcessServices, type InProcessSeams } from "./services.ts";
