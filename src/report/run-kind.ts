// What made a run, for listings: "evolve" for evolution runs (their config holds {options, models}),
// otherwise the command recorded by `dgm agent run`, `dgm solve` or `dgm eval` in its bookkeeping run.
import type { RunRow } from "../../archive/index.ts";

export function runKind(run: RunRow): string {
  return typeof run.config.command === "string" ? run.config.command : "evolve";
}
