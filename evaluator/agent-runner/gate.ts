// What the commands that run an agent need from the validation gate. The gate itself (compile in the
// sandbox, then a smoke run against a scripted model) lives with the loop in src/evolve/gate; rooms
// below src/ only declare its shape, and every command that runs an agent is handed the same one.

export type GateVerdict =
  | { ok: true; bundleFile: string }
  | { ok: false; stage: "typecheck" | "bundle" | "smoke"; reason: string };

/** Validates the agent at sourceDir and leaves its bundle at `<bundleDir>/agent.mjs`. */
export type AgentGate = (sourceDir: string, bundleDir: string) => Promise<GateVerdict>;
