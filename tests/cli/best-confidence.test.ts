// `dgm best --confidence` on a run without a held-out split, and `dgm show`'s intervals and paired test,
// through the real commander program on a real archive. Every expected number is recomputed here from
// the fixture's pass/fail sets with common/statistics, not copied from the output.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mcnemarExact, pairResults, UsageError, wilsonInterval } from "../../common/index.ts";
import type { ConfidentPick } from "../../src/run/index.ts";
import { runInspect } from "../report/cli.ts";
import { buildConfidenceRun, type ConfidenceFixture, PASSED, SEARCH_TASKS } from "../report/confidence-fixture.ts";
import { splitRun } from "../run/split-run.ts";

const interval = (passed: number, total: number): string => {
  const { low, high } = wilsonInterval(passed, total);
  return `${low.toFixed(2)}–${high.toFixed(2)}`;
};
const verdicts = (passed: Set<string>) => new Map(SEARCH_TASKS.map((task) => [task, passed.has(task)]));

describe("dgm best --confidence without a held-out split", () => {
  let f: ConfidenceFixture;
  beforeAll(async () => {
    f = await buildConfidenceRun();
  });
  afterAll(() => f.dispose());

  it("ranks admitted agents by the Wilson lower bound, picks the highest and says the intervals are optimistic", async () => {
    const out = await runInspect(f.home, ["best", f.runId, "--confidence"]);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toContain(`run ${f.runId}: no held-out split`);
    const rowOf = (id: string) => lines.findIndex((line) => line.includes(id.slice(0, 8)));
    const { seed, lucky, steady, loser } = f.agents;
    // steady 8/10 (its error result not counted), seed 5/10, lucky 1/1: best lower bound first.
    expect(lines[rowOf(steady.id)]).toMatch(
      new RegExp(`^★ ${steady.id.slice(0, 8)} +1 +8/10 +${interval(8, 10)} +0\\.80$`),
    );
    expect(lines[rowOf(seed.id)]).toMatch(
      new RegExp(`^  ${seed.id.slice(0, 8)} +0 +5/10 +${interval(5, 10)} +0\\.50$`),
    );
    expect(lines[rowOf(lucky.id)]).toMatch(
      new RegExp(`^  ${lucky.id.slice(0, 8)} +1 +1/1 +${interval(1, 1)} +1\\.00$`),
    );
    expect(rowOf(steady.id)).toBeLessThan(rowOf(seed.id));
    expect(rowOf(seed.id)).toBeLessThan(rowOf(lucky.id));
    expect(rowOf(loser.id)).toBe(-1);
    expect(out).toContain(`pick: ${steady.id}, the highest 95% lower bound (${wilsonInterval(8, 10).low.toFixed(2)})`);
    expect(out).toContain("on the tasks the agents were selected on, so they are optimistic");
    expect(out).toContain("rerun with --test-split");
  });

  it("--json gives the method, the pick and every finalist's exact interval; --finalists cuts the list", async () => {
    const result = JSON.parse(
      await runInspect(f.home, ["best", "--run", f.runId, "--confidence", "--finalists", "2", "--json"]),
    ) as ConfidentPick;
    expect(result).toMatchObject({ runId: f.runId, method: "search-lcb", optimistic: true, heldOutTasks: null });
    expect(result.pick.agentId).toBe(f.agents.steady.id);
    expect(result.finalists.map((finalist) => finalist.agentId)).toEqual([f.agents.steady.id, f.agents.seed.id]);
    const exact = wilsonInterval(8, 10);
    expect(result.pick).toMatchObject({ passed: 8, total: 10, low: exact.low, high: exact.high, searchScore: 0.8 });
  });

  it("without --confidence keeps printing the highest observed score; --finalists alone is a usage error", async () => {
    expect(await runInspect(f.home, ["best", f.runId])).toMatch(new RegExp(`^${f.agents.lucky.id} +score 1\\.00`));
    await expect(runInspect(f.home, ["best", f.runId, "--finalists", "2"])).rejects.toThrow(UsageError);
    await expect(runInspect(f.home, ["best", f.runId, "--run", "other", "--confidence"])).rejects.toThrow(
      /two runs given/,
    );
  });

  it("names a recorded final pick and how it was chosen, beside the highest observed score (last: it records one)", async () => {
    const { steady, seed, lucky } = f.agents;
    const steadyHeld = wilsonInterval(2, 3);
    f.archive.setRunFinalPick(f.runId, {
      agentId: steady.id,
      method: "holdout-lcb",
      confidence: 0.95,
      heldOutTasks: 3,
      finalists: [
        { agentId: steady.id, passed: 2, total: 3, low: steadyHeld.low, high: steadyHeld.high },
        { agentId: seed.id, passed: 1, total: 3, ...wilsonInterval(1, 3) },
      ],
      pickedAt: new Date().toISOString(),
    });
    const out = await runInspect(f.home, ["best", f.runId]);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^${steady.id} +score 0\\.80`));
    expect(lines[1]).toBe(
      `  final pick, chosen on 3 held-out tasks the search never used: 2/3 passed, 95% interval ${interval(2, 3)}, the highest lower bound of 2 finalists`,
    );
    expect(lines[2]).toBe(
      `  the highest observed score is ${lucky.id.slice(0, 8)}'s 1.00, on the tasks it was selected on (optimistic)`,
    );
    expect(JSON.parse(await runInspect(f.home, ["best", f.runId, "--json"])).id).toBe(steady.id);
  });
});

describe("dgm best of an HGM run", () => {
  it("is the highest lower bound, not the luckiest score, and says so", async () => {
    const f = await buildConfidenceRun("hgm");
    try {
      const out = await runInspect(f.home, ["best", f.runId]);
      // lucky passed 1 of 1 (score 1.00, lower bound 0.21); steady 8 of 10 (0.80, lower bound 0.49).
      expect(out).toMatch(new RegExp(`^${f.agents.steady.id} +score 0\\.80`));
      expect(out).toContain(`the highest score is ${f.agents.lucky.id.slice(0, 8)}`);
    } finally {
      await f.dispose();
    }
  });
});

describe("dgm show with intervals", () => {
  let f: ConfidenceFixture;
  beforeAll(async () => {
    f = await buildConfidenceRun();
  });
  afterAll(() => f.dispose());

  it("prints each stage's interval, the held-out one apart, and McNemar against the seed", async () => {
    const out = await runInspect(f.home, ["show", f.agents.steady.id]);
    // small: tasks 0–4, of which steady passed 0, 1, 2, 4; medium adds 5–9 (all passed but 8) and an error.
    expect(out).toContain(`  small     4/5 passed, 95% interval ${interval(4, 5)}\n`);
    expect(out).toContain(`  medium    8/10 passed, 95% interval ${interval(8, 10)} (1 error not counted)\n`);
    expect(out).toContain(`  held-out  2/3 passed, 95% interval ${interval(2, 3)} (tasks the search never used)\n`);

    const pair = pairResults(verdicts(PASSED.steady.search), verdicts(PASSED.seed.search));
    const test = mcnemarExact(pair.onlyFirst, pair.onlySecond);
    const steadyPassed = pair.both + pair.onlyFirst;
    const seedPassed = pair.both + pair.onlySecond;
    expect(out).toContain(
      `vs seed     on ${pair.shared.length} shared tasks: ${steadyPassed} vs ${seedPassed} passed, +${steadyPassed - seedPassed} (${pair.onlyFirst} only this agent, ${pair.onlySecond} only the seed), McNemar exact p = ${test.pValue.toFixed(2)}\n`,
    );
    // By hand: 10 shared, 8 vs 5, discordant 5 and 2: p = 2·(1 + 7 + 21)/2^7 = 0.453.
    expect(out).toContain(
      "on 10 shared tasks: 8 vs 5 passed, +3 (5 only this agent, 2 only the seed), McNemar exact p = 0.45",
    );
    expect(out).toContain(
      "vs seed (held-out) on 3 shared tasks: 2 vs 1 passed, +1 (1 only this agent, 0 only the seed), McNemar exact p = 1.00",
    );
  });

  it("--json carries the same numbers; the seed is not compared with itself", async () => {
    const detail = JSON.parse(await runInspect(f.home, ["show", f.agents.steady.id, "--json"]));
    expect(detail.confidence.stages).toEqual([
      { stage: "small", passed: 4, total: 5, errors: 0, ...wilsonInterval(4, 5) },
      { stage: "medium", passed: 8, total: 10, errors: 1, ...wilsonInterval(8, 10) },
    ]);
    expect(detail.confidence.heldOut).toMatchObject({ stage: "test", passed: 2, total: 3 });
    expect(detail.confidence.vsSeed[0]).toEqual({
      seedId: f.agents.seed.id,
      scope: "search",
      shared: 10,
      passed: 8,
      seedPassed: 5,
      onlyThis: 5,
      onlySeed: 2,
      pValue: mcnemarExact(5, 2).pValue,
    });
    const seedOut = await runInspect(f.home, ["show", f.agents.seed.id]);
    expect(seedOut).toContain("vs seed     (this is the seed)");
    expect(seedOut).not.toContain("McNemar");
  });
});

describe("dgm best --confidence with a held-out split and no Docker engine", () => {
  it("says that no engine answers and how to fix it, exit 1, and records no pick", async () => {
    const { home, archive, run } = await splitRun({ maxGenerations: 1 });
    const before = archive.getRun(run.id)!.finalPick;
    const cli = new URL("../../bin/dgm.mjs", import.meta.url).pathname;
    const result = spawnSync(
      process.execPath,
      [cli, "--home", home, "best", run.id, "--confidence", "--finalists", "4"],
      {
        encoding: "utf8",
        env: { ...process.env, DOCKER_HOST: `unix://${home}/no-engine.sock`, NO_COLOR: "1" },
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^error: no Docker engine answers \(.*\)\. Fix: run `bash scripts\/setup-machine\.sh`/m,
    );
    expect(result.stderr).not.toContain("unexpected error");
    expect(archive.getRun(run.id)!.finalPick).toEqual(before);
  }, 120_000);
});
