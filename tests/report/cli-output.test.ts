// The inspect commands on fixture archives built with the real archive (SQLite + git).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentRow } from "../../archive/index.ts";
import { DgmError, UsageError } from "../../common/index.ts";
import {
  layoutTree,
  loadRunView,
  renderHtmlReport,
  renderTreeText,
  type TreeJsonNode,
} from "../../src/report/index.ts";
import {
  buildEmptyRun,
  buildLargeRun,
  buildRejectedOnlyRun,
  buildSmallRun,
  type Fixture,
} from "../fixtures/archives/build.ts";
import { tempDir } from "../support/temp.ts";
import { runInspect } from "./cli.ts";

const nodeCount = (html: string): number => html.match(/class="agent-node/g)?.length ?? 0;

describe("a typical run", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await buildSmallRun();
  });
  afterAll(() => f.dispose());

  it("tree: every agent on one line, the best marked, the seed → best path in order, reasons shown", async () => {
    const out = await runInspect(f.home, ["tree", f.runId, "--width", "120"]);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toContain(`${f.runId}  finished  5 agents (3 admitted)`);
    const { seed, a, b, c, best } = f.agents as Record<string, AgentRow>;
    const lineOf = (agent: AgentRow): number => lines.findIndex((line) => line.includes(agent.id.slice(0, 8)));
    expect(lineOf(seed!)).toBe(1);
    expect(lineOf(a!)).toBeLessThan(lineOf(best!));
    expect(lines[lineOf(best!)]).toMatch(/└─ ● \S+ {2}0\.80 {2}admitted +★ best {2}gen 2/);
    expect(lines[lineOf(b!)]).toContain("score 0.20 below parent 0.40");
    expect(lines[lineOf(c!)]).toMatch(/✗ \S+ +— {2}invalid/);
  });

  it("tree --json nests children and marks the path to the best", async () => {
    const tree = JSON.parse(await runInspect(f.home, ["tree", f.runId.slice(0, 12), "--json"])) as {
      bestId: string;
      roots: TreeJsonNode[];
    };
    expect(tree.bestId).toBe(f.agents.best!.id);
    const [root] = tree.roots;
    expect(root?.children.map((child) => child.id)).toEqual([f.agents.a!.id, f.agents.b!.id, f.agents.c!.id]);
    expect(root?.children[0]?.children[0]).toMatchObject({ id: f.agents.best!.id, best: true, onBestPath: true });
    expect(root?.children[1]?.onBestPath).toBe(false);
  });

  it("show: lineage, problem statement, per-task results and the diff against the parent", async () => {
    const out = await runInspect(f.home, ["show", "best", "--run", f.runId]);
    expect(out).toContain(`agent ${f.agents.best!.id}`);
    expect(out).toMatch(/lineage +\w{8}\(0\.40\) → \w{8}\(0\.60\) → \w{8}\(0\.80\)/);
    expect(out).toContain("Run the tests after every edit and read failures before finishing.");
    expect(out).toMatch(/✓ small +repo-ts-cache +passed +tests 3\/3/);
    expect(out).toContain('-export const tools: string[] = ["bash", "editor"];');
    expect(out).toContain('+export const tools: string[] = ["bash", "editor", "tests"];');
  });

  it("diff: a against its parent by default, or any two agents", async () => {
    const own = await runInspect(f.home, ["diff", f.agents.best!.id.slice(0, 6)]);
    expect(own).toContain('+export const tools: string[] = ["bash", "editor", "tests"];');
    const across = await runInspect(f.home, ["diff", f.agents.b!.id, f.agents.best!.id]);
    expect(across).toContain('-export const tools: string[] = ["bash", "grep"];');
    await expect(runInspect(f.home, ["diff", f.agents.seed!.id])).rejects.toThrow(UsageError);
  });

  it("best prints the best agent; unknown refs are errors that say what to do", async () => {
    expect(await runInspect(f.home, ["best"])).toMatch(new RegExp(`^${f.agents.best!.id} +score 0\\.80`));
    await expect(runInspect(f.home, ["show", "nope"])).rejects.toMatchObject({
      message: expect.stringMatching(/^no agent "nope" in /),
      fix: expect.stringMatching(/dgm tree/),
    });
    await expect(runInspect(f.home, ["tree", "run-none"])).rejects.toThrow(DgmError);
    await expect(runInspect(f.home, ["tree", "run-none"])).rejects.toThrow(/no run "run-none"/);
  });

  it("export: source, the tree's bundle, a git bundle and a manifest with lineage, scores and models", async () => {
    // The bundle the gate left for the agent's tree is what export ships: nothing is compiled on the host
    // (a tree without one is compiled in the sandbox; see tests/security/).
    const treeBundle = join(f.home, "bundles", `${f.agents.best!.tree}.mjs`);
    mkdirSync(dirname(treeBundle), { recursive: true });
    writeFileSync(treeBundle, "// the gate's bundle of this tree\n");
    const out = join(tempDir("export"), "agent");
    await runInspect(f.home, ["export", "best", "--run", f.runId, "--out", out, "--bundle"]);
    expect(readFileSync(join(out, "source/src/tools.ts"), "utf8")).toContain('"tests"');
    expect(readFileSync(join(out, "agent.mjs"), "utf8")).toBe("// the gate's bundle of this tree\n");
    execFileSync("git", ["bundle", "verify", join(out, "agent.bundle")], { stdio: "pipe" });
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.agent).toMatchObject({
      id: f.agents.best!.id,
      scores: { small: 0.8 },
      commit: f.agents.best!.commit,
    });
    expect(manifest.lineage.map((row: { id: string }) => row.id)).toEqual([
      f.agents.seed!.id,
      f.agents.a!.id,
      f.agents.best!.id,
    ]);
    expect(manifest.lineage[2].problemStatement).toContain("Run the tests");
    expect(manifest.models).toEqual([
      { purpose: "self-modify", role: "solve", provider: "scripted", model: "fixture-model", calls: 4 },
    ]);
    await expect(runInspect(f.home, ["export", "best", "--out", out])).rejects.toThrow(/not empty/);
  });

  it("report: one file, no external resources, every agent drawn, matrix and costs filled in", async () => {
    const file = join(tempDir("report"), "r.html");
    await runInspect(f.home, ["report", f.runId, "--out", file]);
    const html = readFileSync(file, "utf8");
    expect(nodeCount(html)).toBe(5);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html).toContain('class="best-path"');
    expect(html).toMatch(/<th class="task">repo-ts-cache<\/th><td class="count">1\/4<\/td>/);
    expect(html).toMatch(/self-modify<\/td><td>solve<\/td><td>fixture-model<\/td><td class="num">4<\/td>/);
  });
});

describe("edge runs", () => {
  it("an empty run: the tree and the report say there is nothing yet; best is an error", async () => {
    const f = await buildEmptyRun();
    try {
      expect(await runInspect(f.home, ["tree"])).toContain("(no agents yet");
      const html = renderHtmlReport(loadRunView(f.archive, f.runId)!);
      expect(nodeCount(html)).toBe(0);
      expect(html).toContain("This run has no agents yet.");
      expect(await runInspect(f.home, ["best", "--json"])).toBe("null\n");
      await expect(runInspect(f.home, ["best"])).rejects.toThrow(/no scored, admitted agent/);
    } finally {
      await f.dispose();
    }
  });

  it("a run with only rejected children: the seed stays best and every child is drawn", async () => {
    const f = await buildRejectedOnlyRun();
    try {
      const view = loadRunView(f.archive, f.runId)!;
      expect(view.bestId).toBe(f.agents.seed!.id);
      const text = renderTreeText(view, { width: 100 });
      expect(text.match(/─ ○ /g)?.length).toBe(2);
      expect(text.match(/─ ✗ /g)?.length).toBe(2);
      expect(text).toContain("smoke run failed: exit code 1");
      expect(nodeCount(renderHtmlReport(view))).toBe(5);
    } finally {
      await f.dispose();
    }
  });

  it("a 1,000-agent run: every agent listed within the width, drawn at its own place", async () => {
    const f = await buildLargeRun(1000);
    try {
      const view = loadRunView(f.archive, f.runId)!;
      const lines = renderTreeText(view, { width: 60 }).trimEnd().split("\n");
      expect(lines).toHaveLength(1000 + 2);
      expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(60);
      expect(new Set(lines.slice(1, -1).map((line) => line.match(/[0-9a-f]{8}/)?.[0])).size).toBe(1000);
      const layout = layoutTree(view.agents, view.bestId);
      expect(new Set(layout.nodes.map((node) => `${node.x},${node.y}`)).size).toBe(1000);
      expect(nodeCount(renderHtmlReport(view))).toBe(1000);
    } finally {
      await f.dispose();
    }
  });

  it("a 5,000-deep chain renders without recursion and folds its indentation", () => {
    const agents: AgentRow[] = Array.from({ length: 5000 }, (_, i) => ({
      id: `a${String(i).padStart(11, "0")}`,
      runId: "r",
      parentId: i === 0 ? null : `a${String(i - 1).padStart(11, "0")}`,
      commit: "c",
      tree: "t",
      generation: i,
      status: "admitted",
      statusReason: null,
      scores: { small: i / 5000 },
      createdAt: new Date(1e12 + i).toISOString(),
    }));
    const run = { id: "r", status: "running" } as Parameters<typeof renderTreeText>[0]["run"];
    const lines = renderTreeText({ run, agents, bestId: agents.at(-1)!.id }, { width: 80 })
      .trimEnd()
      .split("\n");
    expect(lines).toHaveLength(5002);
    expect(lines.at(-2)).toMatch(/^….*└─ ● a0000000 {2}1\.00 {2}admitted +★ best/);
    expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(80);
  });
});
