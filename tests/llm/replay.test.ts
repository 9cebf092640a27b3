// Record and replay through the real archive: a session recorded from the simulator over the
// gateway's socket is reproduced exactly by the replay provider, sessions that start alike each
// follow their own recording, and a request the recording never saw is a loud error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Archive, openArchive } from "../../archive/index.ts";
import {
  type ChatResponse,
  createGateway,
  createPricing,
  createReplayProvider,
  createSimProvider,
  type Provider,
  type SimTaskKnowledge,
} from "../../src/llm/index.ts";
import { bashTool, editorTool, runAgent } from "./agent-harness.ts";
import { identity, postChat } from "./support.ts";

const task: SimTaskKnowledge = {
  solutionFiles: { "add.js": "export const add = (a, b) => a + b;\n" },
  stubFiles: { "add.js": "export const add = (a, b) => 0;\n" },
  difficulty: "easy",
};
const tools = [bashTool, editorTool({ ranged: true, undo: true })];

/** A provider that is really the gateway's socket, as an agent in a container sees it. */
function viaSocket(socketPath: string): Provider {
  return {
    name: "socket",
    model: "socket",
    async complete(request) {
      const reply = await postChat(socketPath, request);
      if (reply.status !== 200) throw new Error(JSON.stringify(reply.body));
      return reply.body as ChatResponse;
    },
  };
}

describe("replay", () => {
  let home: string;
  let archive: Archive;
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "dgm-replay-test-"));
    archive = await openArchive(home);
  });
  afterAll(() => {
    archive.close();
    rmSync(home, { recursive: true, force: true });
  });

  async function session(provider: Provider, runId: string, agentId: string, system = "You are a coding agent.") {
    const gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing(), seed: 5 });
    // One task id per agent: the simulator draws outcomes per task, so the recordings differ.
    const caller = identity({ runId, agentId, taskId: `add-${agentId}` });
    const open = await gateway.openSession({ identity: caller, role: "solve" });
    const dir = mkdtempSync(join(tmpdir(), "dgm-replay-ws-"));
    writeFileSync(join(dir, "add.js"), task.stubFiles["add.js"]!);
    try {
      const run = await runAgent({
        provider: viaSocket(open.socketPath),
        dir,
        system,
        task: "Implement add.",
        tools,
        caller,
        seed: 5,
      });
      return { run, caller, result: readFileSync(join(dir, "add.js"), "utf8"), usage: open.usage() };
    } finally {
      await open.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("reproduces recorded sessions exactly, each following its own recording", async () => {
    const recorded = archive.createRun({ config: {}, seed: 5 }).id;
    const sim = createSimProvider({ oracle: { lookup: () => task } });
    // Agents a1..a6 ask the same first question; the simulator answers them differently later on.
    const originals = [];
    for (let i = 1; i <= 6; i++) originals.push(await session(sim, recorded, `a${i}`));
    expect(new Set(originals.map((o) => o.result)).size).toBeGreaterThan(1);

    const replayRun = archive.createRun({ config: {}, seed: 5 }).id;
    const replay = createReplayProvider({ archive, runId: recorded });
    for (const [index, original] of originals.entries()) {
      const again = await session(replay, replayRun, `r${index}`);
      expect(again.run.messages).toEqual(original.run.messages);
      expect(again.result).toBe(original.result);
    }
    const responses = (runId: string) => archive.listModelCalls({ runId }).map((call) => call.response);
    expect(responses(replayRun)).toEqual(responses(recorded));
    expect(archive.costOf({ runId: recorded }).costUsd).toBeGreaterThan(0);
    expect(archive.costOf({ runId: replayRun })).toMatchObject({ costUsd: 0, unknownCostCalls: 0 });
  });

  it("fails loudly on a request the recording never saw", async () => {
    const recorded = archive.createRun({ config: {}, seed: 5 }).id;
    const replay = createReplayProvider({ archive, runId: recorded });
    const gateway = createGateway({ archive, providers: { solve: replay }, pricing: createPricing() });
    const caller = identity({ runId: recorded, sessionId: "session-xyz" });
    const open = await gateway.openSession({ identity: caller, role: "solve" });
    const reply = await postChat(open.socketPath, { messages: [{ role: "user", content: "never asked" }] });
    await open.close();
    expect(reply.status).toBe(502);
    expect((reply.body as { error: { message: string } }).error.message).toMatch(
      new RegExp(`replay: no recorded call of run ${recorded} matches request [0-9a-f]{64} \\(session session-xyz\\)`),
    );
  });
});
