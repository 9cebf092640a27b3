// Types the gate shares between its stages.
import type { Archive } from "../../../archive/api.ts";

export type { ChatRequest } from "../../llm/index.ts";

/** Where the gate's smoke-run model calls are recorded (normally the run's archive). */
export type ModelCallRecorder = Pick<Archive, "recordModelCall">;

export type GateStage = "typecheck" | "bundle" | "smoke";

export type GateResult =
  | { ok: true; bundleFile: string; durationsMs: Record<GateStage, number> }
  | { ok: false; stage: GateStage; reason: string };

/** One stage's verdict. */
export type StageResult = { ok: true } | { ok: false; reason: string };
