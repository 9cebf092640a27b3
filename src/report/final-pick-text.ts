// How a run's final pick was chosen, in words for `dgm best`, the HTML report and the web UI: the
// finalists were re-evaluated on held-out tasks and the pick has the highest lower bound of a 95%
// interval there. The highest score observed during the search is named beside it when it differs,
// since that score was measured on the tasks the agent was selected on and is biased upwards.
import type { AgentRow, FinalPick } from "../../archive/index.ts";
import { formatInterval } from "./confidence.ts";
import { formatScore, shortId } from "./lineage.ts";

export interface FinalPickText {
  /** "chosen on 3 held-out tasks: 3/3 passed, 95% interval 0.44–1.00, the highest lower bound of 5 finalists". */
  how: string;
  /** "the highest observed score is 9c9d393f's 0.90, on the tasks it was selected on (optimistic)", or null. */
  highestObserved: string | null;
}

export function describeFinalPick(pick: FinalPick, highest: AgentRow | undefined): FinalPickText {
  const mine = pick.finalists.find((finalist) => finalist.agentId === pick.agentId);
  const percent = Math.round(pick.confidence * 100);
  const result = mine ? `${mine.passed}/${mine.total} passed, ${percent}% interval ${formatInterval(mine)}, ` : "";
  const count = pick.finalists.length;
  const how = `chosen on ${pick.heldOutTasks} held-out task${pick.heldOutTasks === 1 ? "" : "s"} the search never used: ${result}the highest lower bound of ${count} finalist${count === 1 ? "" : "s"}`;
  const highestObserved =
    highest && highest.id !== pick.agentId
      ? `the highest observed score is ${shortId(highest.id)}'s ${formatScore(highest)}, on the tasks it was selected on (optimistic)`
      : null;
  return { how, highestObserved };
}
