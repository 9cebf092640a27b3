// `dgm evolve --estimate` and the question before a real-model run, through the real commander
// program and real archives in temp homes: --estimate prints and starts nothing; without a terminal
// and without --yes a paid run is refused before anything is recorded; the live view compares spend
// with the estimate. No Docker: nothing here gets as far as a sandbox.
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openArchive } from "../../archive/index.ts";
import { DgmError } from "../../common/index.ts";
import { registerEvolveCommand } from "../../src/cli/commands/evolve.ts";
import type { RunEstimate } from "../../src/evolve/estimate/index.ts";
import { LiveView, type ViewMode } from "../../src/evolve/live-view.ts";
import { defaultStages, parseEvolveOptions } from "../../src/evolve/options.ts";
import { loadModelsConfig } from "../../src/llm/index.ts";
import { runEvolution } from "../../src/run/index.ts";
import { runCommand } from "../report/cli.ts";
import { tempDir } from "../support/temp.ts";

const paidRun = ["--model", "openai:gpt-4.1-mini", "--diagnose-model", "openai:o3", "--max-generations", "20"];

/** Runs `dgm <args>` in-process with only the evolve command, capturing stdout. */
const dgm = (args: string[]) => runCommand(args, registerEvolveCommand);

/** A local port nothing listens on: a model call there could only fail. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

const saved = { base: process.env.OPENAI_BASE_URL, key: process.env.OPENAI_API_KEY };
beforeEach(async () => {
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${await unusedPort()}/v1`;
  process.env.OPENAI_API_KEY = "sk-test-not-a-key";
});
afterEach(() => {
  for (const [name, value] of [
    ["OPENAI_BASE_URL", saved.base],
    ["OPENAI_API_KEY", saved.key],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("dgm evolve --estimate", () => {
  it("prints the table for a 20-generation builtin run with gpt-4.1-mini/o3, exits 0 and starts no run", async () => {
    const home = tempDir("estimate-cli");
    const { out, error } = await dgm(["--home", home, "evolve", "--estimate", ...paidRun]);
    expect(error).toBeUndefined();
    expect(process.exitCode ?? 0).toBe(0);
    expect(out).toMatch(/^Estimate for 40 children \(20 generations × 2\) on builtin: small \(10 tasks\)/);
    expect(out).toMatch(/openai:gpt-4\.1-mini\s+\$0\.40 input/);
    expect(out).toMatch(/openai:o3\s+\$2\.00 input/);
    for (const row of ["seed evaluation", "task runs", "self-modifications", "diagnoses"]) {
      expect(out).toMatch(new RegExp(`^${row}\\s+\\S+.*\\$[0-9.]+\\s+\\$[0-9.]+–\\$[0-9.]+$`, "m"));
    }
    expect(out).toMatch(/^total\s+\S+\s+\$[0-9.]+\s+\$[0-9.]+–\$[0-9.]+$/m);
    expect(out).toMatch(/^basis: prior: the seed's structural estimate, no history/m);
    expect(existsSync(join(home, "archive.db")), "an estimate creates no archive").toBe(false);
  });

  it("--json gives the same as an object; an existing archive gets no run", async () => {
    const home = tempDir("estimate-cli-json");
    (await openArchive(home)).close();
    const { out, error } = await dgm(["--home", home, "evolve", "--estimate", "--json", ...paidRun]);
    expect(error).toBeUndefined();
    const estimate = JSON.parse(out) as RunEstimate;
    expect(estimate.children).toBe(40);
    expect(estimate.rows.map((row) => row.name)).toContain("task runs");
    expect(estimate.total.usd?.expected).toBeGreaterThan(0);
    const archive = await openArchive(home);
    try {
      expect(archive.listRuns()).toEqual([]);
    } finally {
      archive.close();
    }
  });

  it("--max-steps reaches the agents' limits: fewer steps per task, a lower worst case", async () => {
    const home = tempDir("estimate-cli-steps");
    const estimate = async (extra: string[]) => {
      const { out, error } = await dgm(["--home", home, "evolve", "--estimate", "--json", ...paidRun, ...extra]);
      expect(error).toBeUndefined();
      const row = (JSON.parse(out) as RunEstimate).rows.find((candidate) => candidate.name === "task runs");
      return row?.tokens.high.completion ?? 0;
    };
    const usual = await estimate([]);
    expect(await estimate(["--max-steps", "3", "--wall-seconds", "1800"])).toBeLessThan(usual);
  });

  it("with --resume estimates what is left: the remaining children, the seed already evaluated", async () => {
    const home = tempDir("estimate-cli-resume");
    const archive = await openArchive(home);
    try {
      const options = parseEvolveOptions({ stages: defaultStages("builtin", false), maxGenerations: 3 });
      const models = loadModelsConfig({ model: "openai:gpt-4.1-mini", env: {}, cwd: home });
      const run = archive.createRun({ config: { options, models }, seed: 0 });
      const seed = archive.createAgent({ runId: run.id, parentId: null, commit: "c0", tree: "t0", generation: 0 });
      archive.setAgentStatus(seed.id, "admitted", "seed agent");
      for (let i = 0; i < 2; i++) {
        const attempt = archive.createAttempt({ runId: run.id, parentId: seed.id, generation: 1, entry: "x" });
        archive.updateAttempt(attempt.id, { status: "failed", failureReason: "test", phase: "done", ended: true });
      }
      const { out, error } = await dgm(["--home", home, "evolve", "--estimate", "--json", "--resume", run.id]);
      expect(error).toBeUndefined();
      const estimate = JSON.parse(out) as RunEstimate;
      expect(estimate.scope).toBe("the remaining 4 children");
      expect(estimate.seedEvaluated).toBe(true);
      expect(estimate.rows.find((row) => row.name === "seed evaluation")?.count.high).toBe(0);
      expect(estimate.rows.find((row) => row.name === "diagnoses")?.count.expected).toBe(4);
    } finally {
      archive.close();
    }
  });
});

describe("the question before a real-model run", () => {
  it("without a terminal and without --yes, refuses with the fix and records nothing", async () => {
    expect(process.stdin.isTTY, "the test needs a stdin that is not a terminal").toBeFalsy();
    const home = tempDir("estimate-refuse");
    (await openArchive(home)).close();
    const { out, error } = await dgm(["--home", home, "evolve", ...paidRun]);
    expect(error).toBeInstanceOf(DgmError);
    expect((error as Error).message).toMatch(
      /this run calls a paid model \(openai:gpt-4\.1-mini, openai:o3\), ≈\$[0-9.]+ estimated \(range \$[0-9.]+–\$[0-9.]+\): pass --yes to start without confirming/,
    );
    expect(out, "the estimate is shown before the refusal").toMatch(/^total\s/m);
    const archive = await openArchive(home);
    try {
      expect(archive.listRuns()).toEqual([]);
    } finally {
      archive.close();
    }
  });

  it("a declined question leaves no run and no archive; the question gets the run's estimate", async () => {
    const home = tempDir("estimate-decline");
    const asked: RunEstimate[] = [];
    const code = await runEvolution({
      home,
      options: parseEvolveOptions({ stages: defaultStages("builtin", false), maxGenerations: 5 }),
      models: { solve: "openai:gpt-4.1-mini", diagnose: "openai:o3" },
      json: false,
      demo: false,
      confirmSpend: async (estimate) => {
        asked.push(estimate);
        return false;
      },
    });
    expect(code).toBe(1);
    expect(asked.map((estimate) => estimate.children)).toEqual([10]);
    expect(existsSync(join(home, "archive.db"))).toBe(false);
  });
});

describe("the live view against the estimate", () => {
  const estimate = {
    usd: { low: 2.1, expected: 4.5, high: 9.8 },
    tokens: { low: 1_000_000, expected: 2_000_000, high: 5_000_000 },
  };
  function view(mode: ViewMode): { view: LiveView; text: () => string } {
    const chunks: string[] = [];
    const out = { columns: 200, write: (chunk: string) => chunks.push(chunk) > 0 } as unknown as NodeJS.WriteStream;
    return { view: new LiveView(mode, out), text: () => chunks.join("") };
  }

  it("shows the spend against the estimate in the status block and in logs", () => {
    for (const mode of ["tty", "plain"] as const) {
      const { view: live, text } = view(mode);
      live.showEstimate(estimate);
      live.handle({ type: "run-started", runId: "run-1", resumed: false, planned: 4, home: "/tmp/h" });
      live.handle({ type: "spend", costUsd: 1.23, tokens: 400_000 });
      expect(text(), mode).toContain("spend $1.2300 of ≈$4.50 estimated (range $2.10–$9.80)");
    }
  });

  it("--json carries the estimate as an event of the stream", () => {
    const { view: live, text } = view("json");
    live.showEstimate(estimate);
    const first = JSON.parse(text().split("\n")[0] ?? "") as Record<string, unknown>;
    expect(first).toMatchObject({ type: "estimate", usd: estimate.usd, tokens: estimate.tokens });
  });
});
