// Intervals, the paired test with the seed and the final pick in the HTML report and the web UI's JSON,
// on a real archive whose highest score (lucky, 1/1) is not its safest agent (steady, 8/10).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mcnemarExact, wilsonInterval } from "../../common/index.ts";
import { loadRunView, renderHtmlReport } from "../../src/report/index.ts";
import { handleApi } from "../../src/report/server/api.ts";
import { buildConfidenceRun, type ConfidenceFixture } from "./confidence-fixture.ts";

const interval = (passed: number, total: number): string => {
  const { low, high } = wilsonInterval(passed, total);
  return `${low.toFixed(2)}–${high.toFixed(2)}`;
};

describe("confidence in the report and the web UI", () => {
  let f: ConfidenceFixture;
  beforeAll(async () => {
    f = await buildConfidenceRun();
  });
  afterAll(() => f.dispose());

  it("the report's header gives the best agent's interval and its comparison with the seed", () => {
    const html = renderHtmlReport(loadRunView(f.archive, f.runId)!);
    // The best by score is lucky: one task, passed; shared with the seed on that one task only (both passed it).
    expect(html).toContain(
      `<p class="meta confidence">small 1/1 passed, 95% interval ${interval(1, 1)} · vs seed on 1 shared task: 1 vs 1 passed, ±0 (0 only this agent, 0 only the seed), McNemar exact p = 1.00</p>`,
    );
    expect(html).not.toContain("final pick");
  });

  it("the web UI's agent panel gets the intervals and the paired test; its run summary the final pick", async () => {
    const agent = await handleApi(f.archive, new URL(`http://ui/api/agents/${f.agents.steady.id}`));
    const body = agent.body as { confidenceText: string[]; confidence: { vsSeed: { pValue: number }[] } };
    expect(body.confidenceText).toEqual([
      `small 4/5 passed, 95% interval ${interval(4, 5)}`,
      `medium 8/10 passed, 95% interval ${interval(8, 10)} (1 error not counted)`,
      `held-out 2/3 passed, 95% interval ${interval(2, 3)}`,
      "vs seed on 10 shared tasks: 8 vs 5 passed, +3 (5 only this agent, 2 only the seed), McNemar exact p = 0.45",
      "vs seed (held-out) on 3 shared tasks: 2 vs 1 passed, +1 (1 only this agent, 0 only the seed), McNemar exact p = 1.00",
    ]);
    expect(body.confidence.vsSeed[0]?.pValue).toBe(mcnemarExact(5, 2).pValue);
    const before = (await handleApi(f.archive, new URL(`http://ui/api/runs/${f.runId}`))).body as {
      finalPick: unknown;
    };
    expect(before.finalPick).toBeNull();
  });

  it("a recorded final pick shows in the report and the web UI, with the higher-scoring agent named beside it", async () => {
    const { steady, lucky } = f.agents;
    f.archive.setRunFinalPick(f.runId, {
      agentId: steady.id,
      method: "holdout-lcb",
      confidence: 0.95,
      heldOutTasks: 3,
      finalists: [{ agentId: steady.id, passed: 2, total: 3, ...wilsonInterval(2, 3) }],
      pickedAt: new Date().toISOString(),
    });
    const how = `chosen on 3 held-out tasks the search never used: 2/3 passed, 95% interval ${interval(2, 3)}, the highest lower bound of 1 finalist`;
    const highest = `the highest observed score is ${lucky.id.slice(0, 8)}'s 1.00, on the tasks it was selected on (optimistic)`;
    const html = renderHtmlReport(loadRunView(f.archive, f.runId)!);
    expect(html).toContain(
      `<p class="meta final-pick">final pick: <b>${steady.id}</b>, ${how}; ${highest.replace("'", "&#39;")}</p>`,
    );
    const run = (await handleApi(f.archive, new URL(`http://ui/api/runs/${f.runId}`))).body as { finalPick: string };
    expect(run.finalPick).toBe(`${steady.id}, ${how}; ${highest}`);
  });
});
