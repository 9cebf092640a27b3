// The budget under concurrency: each call reserves its worst case (prompt bound + capped output at
// the model's price) before it is sent and settles its real cost after, so calls fired side by
// side cannot overshoot a run's budget, or a session's limits, by more than one call's reservation.
// Reservations are never spend: a run restarted after dying mid-call starts from the archive.
import { afterEach, describe, expect, it } from "vitest";
import { type Archive, openArchive } from "../../archive/index.ts";
import {
  createGateway,
  createPricing,
  createRunBudget,
  createScriptedProvider,
  type Gateway,
} from "../../src/llm/index.ts";
import { identity, postChat } from "../llm/support.ts";
import { tempDir } from "../support/temp.ts";
import { answerWithUsage, gate, pricedScripted, until } from "./gateway-support.ts";

// gpt-4.1 at $2 / $8 per 1M tokens: 500 prompt + 4000 output tokens cost $0.033 a call.
const MODEL = "gpt-4.1";
const callCost = (500 * 2 + 4000 * 8) / 1_000_000;
const ask = { messages: [{ role: "user", content: "Write the function." }], max_tokens: 4000 };
// The worst case the gateway reserves for `ask`: its JSON bytes bound the prompt, plus the output limit.
const reservationBound = ((JSON.stringify(ask.messages).length + 200) * 2 + 4000 * 8) / 1_000_000;

describe("gateway budget under concurrency", () => {
  const gateways: Gateway[] = [];
  const archives: Archive[] = [];
  afterEach(async () => {
    for (const gateway of gateways.splice(0)) await gateway.close();
    for (const archive of archives.splice(0)) archive.close();
  });

  async function archiveAt(home: string): Promise<Archive> {
    const archive = await openArchive(home);
    archives.push(archive);
    return archive;
  }

  it("60 simultaneous calls against a $0.01 budget spend at most one call's reservation", async () => {
    const archive = await archiveAt(tempDir("budget"));
    const runId = archive.createRun({ config: { test: "budget" }, seed: 1 }).id;
    const held = gate();
    const provider = pricedScripted(MODEL, {
      default: Array.from({ length: 10 }, () => held.step(answerWithUsage(500, 4000))),
    });
    const budget = createRunBudget({ usd: 0.01 });
    const gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing(), budget });
    gateways.push(gateway);
    const sessions = await Promise.all(
      Array.from({ length: 6 }, () => gateway.openSession({ identity: identity({ runId }), role: "solve" })),
    );

    let answered = 0;
    const calls = sessions.flatMap((session) =>
      Array.from({ length: 10 }, () =>
        postChat(session.socketPath, ask).then((reply) => {
          answered += 1;
          return reply;
        }),
      ),
    );
    // Every call has been either refused or let through to the provider, where it waits.
    await until(() => answered + held.entered === 60);
    expect(budget.held().usd).toBeGreaterThan(0);
    held.open();
    const replies = await Promise.all(calls);

    const ok = replies.filter((reply) => reply.status === 200);
    const refused = replies.filter((reply) => reply.status === 429);
    expect(ok).toHaveLength(held.entered);
    expect(refused).toHaveLength(60 - held.entered);
    expect(refused[0]?.body).toMatchObject({ error: { type: "budget_exhausted", code: "run_budget" } });
    // The first call's reservation fills the $0.01 budget: the other 59 never reach the provider.
    expect(held.entered).toBe(1);
    expect(budget.spent().usd).toBeLessThanOrEqual(0.01 + reservationBound);
    // Settled at the real usage, not at the reservation; nothing stays held.
    expect(budget.spent().usd).toBeCloseTo(callCost, 10);
    expect(budget.held()).toEqual({ tokens: 0, usd: 0 });
    expect(archive.getRun(runId)?.costUsd).toBeCloseTo(callCost, 10);
    const usages = sessions.map((session) => session.usage());
    expect(usages.reduce((sum, usage) => sum + usage.budgetRefused, 0)).toBe(59);
  });

  it("a session's token limit holds against its own parallel calls", async () => {
    const archive = await archiveAt(tempDir("budget"));
    const held = gate();
    const provider = createScriptedProvider({
      scripts: { default: Array.from({ length: 10 }, () => held.step(answerWithUsage(500, 4000))) },
    });
    const gateway = createGateway({ archive, providers: { solve: provider }, pricing: createPricing() });
    gateways.push(gateway);
    const session = await gateway.openSession({ identity: identity(), role: "solve", limits: { maxTokens: 5000 } });

    let answered = 0;
    const calls = Array.from({ length: 10 }, () =>
      postChat(session.socketPath, ask).then((reply) => {
        answered += 1;
        return reply;
      }),
    );
    await until(() => answered + held.entered === 10);
    held.open();
    const replies = await Promise.all(calls);

    // Each call reserves about 4100 tokens: the first two fit under 5000 reserved, the rest wait for nothing.
    expect(held.entered).toBe(2);
    expect(replies.filter((reply) => reply.status === 429)).toHaveLength(8);
    const usage = session.usage();
    expect(usage.promptTokens + usage.completionTokens).toBe(2 * 4500);
    expect(usage.refused).toBe(8);
  });

  it("a failed call releases its reservation; a run restarted after dying mid-call starts from settled spend", async () => {
    const home = tempDir("budget-restart");
    const archive = await archiveAt(home);
    const runId = archive.createRun({ config: { test: "restart" }, seed: 1 }).id;
    const never = gate();
    const provider = pricedScripted(MODEL, {
      default: [
        () => {
          throw new Error("upstream fell over");
        },
        { response: answerWithUsage(500, 4000) },
        never.step(answerWithUsage(500, 4000)),
      ],
    });
    const budget = createRunBudget({ usd: 0.05 });
    const gateway = createGateway({
      archive,
      providers: { solve: provider },
      pricing: createPricing(),
      budget,
      retry: { maxAttempts: 1 },
    });
    gateways.push(gateway);
    const session = await gateway.openSession({ identity: identity({ runId }), role: "solve" });

    expect((await postChat(session.socketPath, ask)).status).toBe(502);
    expect(budget.held()).toEqual({ tokens: 0, usd: 0 });
    expect(budget.spent().usd).toBe(0);
    expect((await postChat(session.socketPath, ask)).status).toBe(200);

    // The third call hangs in the provider; its reservation fills what is left of the budget.
    const hanging = postChat(session.socketPath, ask).catch(() => null);
    await until(() => never.entered === 1);
    const refused = await postChat(session.socketPath, ask);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: { type: "budget_exhausted" } });
    expect(budget.spent().usd).toBeCloseTo(callCost, 10);

    // The process dies here: the archive is closed under the hanging call, which never settles.
    archive.close();
    archives.splice(0);
    const reopened = await archiveAt(home);
    const run = reopened.getRun(runId);
    expect(run?.costUsd).toBeCloseTo(callCost, 10);
    // As a resumed run builds its budget (src/evolve/run-resources.ts): from the archive's totals.
    const resumedBudget = createRunBudget({ usd: 0.05 });
    resumedBudget.charge(run?.totalTokens ?? 0, run?.costUsd ?? 0);
    expect(resumedBudget.held()).toEqual({ tokens: 0, usd: 0 });
    const resumed = createGateway({
      archive: reopened,
      providers: { solve: pricedScripted(MODEL, { default: [{ response: answerWithUsage(500, 4000) }] }) },
      pricing: createPricing(),
      budget: resumedBudget,
    });
    gateways.push(resumed);
    const again = await resumed.openSession({ identity: identity({ runId }), role: "solve" });
    expect((await postChat(again.socketPath, ask)).status).toBe(200);
    expect(resumedBudget.spent().usd).toBeCloseTo(2 * callCost, 10);
    await gateway.close();
    expect(await hanging).toBeNull();
  });
});
