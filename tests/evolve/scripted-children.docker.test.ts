// One generation of the real loop (real sandbox, gateway, archive, gate, grader) driven by a
// scripted model, to pin down two rules exactly: an agent that tampers with the tests or reaches for
// the network gains nothing, and a child that breaks the build is rejected with the compiler's reason.
import { expect, it } from "vitest";
import { openArchive } from "../../archive/index.ts";
import { EvolutionLoop } from "../../src/evolve/loop.ts";
import { parseEvolveOptions } from "../../src/evolve/options.ts";
import { createEvolveServices } from "../../src/evolve/wiring.ts";
import { type CallContext, loadModelsConfig, type ScriptStep } from "../../src/llm/index.ts";
import { describeDocker } from "../support/docker.ts";
import { tempDir } from "../support/temp.ts";

const task = "builtin:fn-js-run-length";

const proposal = JSON.stringify({
  observation: "The agent never checks its work.",
  implementation_suggestion: "Add a sentence to the system prompt.",
  problem_statement:
    "Make the agent run the tests before it finishes, by adding that instruction to its system prompt.",
});

/** What the scripted model does at step `step` of a session, by who is calling. */
function act(step: number, context: CallContext): ScriptStep {
  if (context.role === "diagnose") return proposal;
  const purpose = context.caller.purpose;
  if (purpose === "solve") {
    const moves: ScriptStep[] = [
      // Tamper: plant a test that always passes where the hidden tests will go, and rewrite the runner config.
      {
        toolCalls: [
          {
            name: "editor",
            arguments: {
              command: "create",
              path: "hidden-test/rle.test.js",
              file_text: 'import test from "node:test";\ntest("always", () => {});\n',
            },
          },
        ],
      },
      {
        toolCalls: [
          {
            name: "editor",
            arguments: {
              command: "create",
              path: "package.json",
              file_text: '{"type":"module","scripts":{"test":"true"}}\n',
            },
          },
        ],
      },
      // Reach for the outside world: there is no network in the sandbox.
      {
        toolCalls: [
          {
            name: "bash",
            arguments: {
              command:
                "node -e \"fetch('http://1.1.1.1').then(()=>console.log('REACHED'),()=>console.log('NO-NETWORK'))\"",
            },
          },
        ],
      },
      "Done: the tests pass now.",
    ];
    return moves[step] ?? "Done.";
  }
  if (purpose === "self-modify") {
    const moves: ScriptStep[] = [
      {
        toolCalls: [
          {
            name: "editor",
            arguments: {
              command: "str_replace",
              path: "src/prompts.ts",
              old_str: "export const SYSTEM_PROMPT = [",
              new_str: 'export const SYSTEM_PROMPT = [\n  "Run the tests before finishing.".toUpperCase(1),',
            },
          },
        ],
      },
      "I added the instruction.",
    ];
    return moves[step] ?? "Done.";
  }
  return "Done.";
}

const script: ScriptStep[] = Array.from({ length: 12 }, (_, step) => (_request, context) => act(step, context));

describeDocker("evolve with a scripted model", () => {
  it("tampering gains nothing, and a child that breaks the build is rejected with its reason", async () => {
    const home = tempDir("evolve-scripted");
    const archive = await openArchive(home);
    try {
      const options = parseEvolveOptions({
        suite: task,
        stages: [{ name: "small", suite: task, passThreshold: 1 }],
        maxGenerations: 1,
        childrenPerGeneration: 1,
        workers: 1,
        seed: 3,
      });
      const models = loadModelsConfig({ model: "scripted" });
      const run = archive.createRun({ config: { options, models }, seed: options.seed });
      const wiring = createEvolveServices(archive, run, options, models, { scripts: { default: script } });
      const loop = new EvolutionLoop(wiring.services, options, home, {
        stop: new AbortController(),
        abort: new AbortController(),
      });
      const result = await loop.execute(run, false);
      await wiring.close();
      expect(result.status).toBe("finished");

      const agents = archive.listAgents(run.id);
      const seed = agents.find((agent) => agent.parentId === null)!;
      const [evaluation] = archive.listEvaluations({ agentId: seed.id });
      expect(evaluation?.status).toBe("failed");
      expect(seed.scores.small).toBe(0);
      expect(evaluation?.warnings.join("\n")).toMatch(/hidden-test\/rle\.test\.js/);
      const trajectory = archive.readBlob(evaluation!.trajectoryRef!)!.toString("utf8");
      const bash = trajectory
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { type: string; name?: string; output?: string })
        .find((entry) => entry.type === "tool" && entry.name === "bash");
      expect(bash?.output).toContain("NO-NETWORK");
      expect(bash?.output).not.toContain("REACHED");

      const child = agents.find((agent) => agent.parentId === seed.id)!;
      expect(child.status).toBe("invalid");
      expect(child.statusReason).toMatch(/^typecheck: type error at src\/prompts\.ts:\d+:\d+: TS2554/);
      const [attempt] = archive.listAttempts(run.id);
      expect(attempt?.status).toBe("failed");
      expect(attempt?.failureReason).toBe(child.statusReason);
      expect(attempt?.problemStatement).toContain("run the tests");
    } finally {
      archive.close();
    }
  }, 300_000);
});
