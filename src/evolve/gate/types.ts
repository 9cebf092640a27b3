// Types the gate shares between its stages.
import type { Archive } from "../../../archive/index.ts";
import type { GateStage } from "../../../evaluator/index.ts";

export type { GateStage } from "../../../evaluator/index.ts";
export type { ChatRequest } from "../../llm/index.ts";

/** Where the gate's smoke-run model calls are recorded (normally the run's archive). */
export type ModelCallRecorder = Pick<Archive, "recordModelCall">;

export type GateResult =
  | {
      ok: true;
      bundleFile: string;
      durationsMs: Record<GateStage, number>;
      /** What a passing stage wants said, e.g. "tests: 4 passed in 1 file". */
      notes: string[];
    }
  | { ok: false; stage: GateStage; reason: string };

/** One stage's verdict. */
export type StageResult = { ok: true } | { ok: false; reason: string };
