// The real gateway (HTTP over its session socket, limits, metering, recording every call in a real
// archive) with the scripted model behind it: the round trip an agent sees, model time aside.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openArchive } from "../../archive/index.ts";
import { createGateway, createPricing, createScriptedProvider } from "../../src/llm/index.ts";
import type { HostGateway } from "./chat-server.ts";

const RUN_ID = "bench-engines";

/** A gateway session that answers `calls` requests with "done" (the scripted model has that many steps). */
export async function startScriptedGateway(calls: number): Promise<HostGateway> {
  const home = await mkdtemp(join(tmpdir(), "dgm-bench-engines-gw-"));
  const archive = await openArchive(home);
  const gateway = createGateway({
    archive,
    providers: { solve: createScriptedProvider({ scripts: { default: Array<"done">(calls).fill("done") } }) },
    pricing: createPricing(),
    retry: { maxAttempts: 1 },
  });
  const identity = {
    runId: RUN_ID,
    agentId: null,
    attemptId: null,
    evaluationKey: null,
    taskId: null,
    purpose: "other" as const,
    sessionId: "bench-engines-session",
  };
  const session = await gateway.openSession({ identity, role: "solve" });
  return {
    socketPath: session.socketPath,
    answered: () => archive.listModelCalls({ runId: RUN_ID }).length,
    async close() {
      await gateway.close();
      archive.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
