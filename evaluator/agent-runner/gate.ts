// What the commands that run an agent need from the validation gate. The gate itself (compile and test in
// the sandbox, then a smoke run against a scripted model) lives with the loop in src/evolve/gate; rooms
// below src/ only declare its shape, and every command that runs an agent is handed the same one.

/** The gate's stages, in the order they run; a rejection names the first that failed. */
export const GATE_STAGES = ["typecheck", "bundle", "tests", "smoke"] as const;
export type GateStage = (typeof GATE_STAGES)[number];

export type GateVerdict =
  | { ok: true; bundleFile: string; notes?: string[] }
  | { ok: false; stage: GateStage; reason: string };

/** Validates the agent at sourceDir and leaves its bundle at `<bundleDir>/agent.mjs`. */
export type AgentGate = (sourceDir: string, bundleDir: string) => Promise<GateVerdict>;
