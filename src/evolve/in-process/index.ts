// The in-process evolve services: the loop's seam (EvolveServices) implemented without Docker, for fast
// loop tests and search benchmarks. Real archive, real gateway; the simulator decides gate and task
// outcomes. Deliberately not exported: the editor and the agent profile, which are how these services
// work, not what they offer (tests reach them by path). Agent files are read through the sandbox room's
// host-files, the host's one safe reader.

export { createInProcessServices, type InProcessSeams } from "./services.ts";
/** Benchmarks only: ground truth for judging a search (never for the loop). */
export { TrueScores } from "./true-scores.ts";
