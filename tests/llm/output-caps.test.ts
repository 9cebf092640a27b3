// Every model role has a ceiling on each call's output, configurable per role: the diagnoser's call to
// a reasoning model goes out with max_completion_tokens (and no sampling fields it would reject), an
// agent asking for more than its role allows is lowered, and a slow server gets the role's timeout.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildDiagnosisRequest } from "../../src/evolve/diagnose-prompt.ts";
import {
  ConfigError,
  createGateway,
  createPricing,
  createProvider,
  DEFAULT_MAX_OUTPUT_TOKENS_PER_CALL,
  loadModelsConfig,
} from "../../src/llm/index.ts";
import { closeTestArchives, type FakeOpenAI, identity, openTestArchive, postChat, startFakeOpenAI } from "./support.ts";

let fake: FakeOpenAI;
const dir = mkdtempSync(join(tmpdir(), "dgm-output-caps-"));
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  closeTestArchives();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function configWith(models: unknown): string {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ models }));
  return file;
}

const diagnosis = buildDiagnosisRequest({
  agentSource: { "src/main.ts": "// the agent" },
  entry: "solve_empty_patches",
});

async function gatewayFrom(configFile: string) {
  const models = loadModelsConfig({ configFile, env: { OPENAI_BASE_URL: fake.baseUrl, OPENAI_API_KEY: "sk-test" } });
  return createGateway({
    archive: await openTestArchive(),
    providers: { solve: createProvider(models.solve), diagnose: createProvider(models.diagnose) },
    pricing: createPricing(),
    retry: { maxAttempts: 1 },
  });
}

it("the diagnoser's call to a reasoning model carries max_completion_tokens: the role's cap, else the default", async () => {
  const capped = await gatewayFrom(
    configWith({
      solve: { provider: "openai", model: "gpt-4.1-mini" },
      diagnose: { provider: "openai", model: "o3", maxOutputTokens: 3000 },
    }),
  );
  fake.received.length = 0;
  await capped.call(identity({ purpose: "diagnose" }), "diagnose", diagnosis);
  const sent = fake.received[0]?.body;
  expect(sent).toMatchObject({ model: "o3", max_completion_tokens: 3000 });
  expect(sent).not.toHaveProperty("max_tokens");
  expect(sent).not.toHaveProperty("temperature");

  const uncapped = await gatewayFrom(configWith({ solve: { provider: "openai", model: "o3" } }));
  fake.received.length = 0;
  await uncapped.call(identity({ purpose: "diagnose" }), "diagnose", diagnosis);
  expect(fake.received[0]?.body).toMatchObject({ max_completion_tokens: DEFAULT_MAX_OUTPUT_TOKENS_PER_CALL });
});

it("an agent asking for more output than its role allows is lowered, and told", async () => {
  const gateway = await gatewayFrom(
    configWith({ solve: { provider: "openai", model: "gpt-4.1-mini", maxOutputTokens: 2000 } }),
  );
  const session = await gateway.openSession({ identity: identity(), role: "solve" });
  try {
    fake.received.length = 0;
    const reply = await postChat(session.socketPath, { messages: [{ role: "user", content: "hi" }], max_tokens: 4096 });
    expect(reply.status).toBe(200);
    expect(fake.received[0]?.body).toMatchObject({ max_tokens: 2000 });
    expect(reply.body).toMatchObject({
      gateway_notes: ["max_tokens 4096 lowered to the session's cap of 2000 output tokens per call"],
    });
  } finally {
    await session.close();
  }
});

it("a role's timeoutSeconds is the per-attempt timeout; a bad value is refused with the key named", async () => {
  const gateway = await gatewayFrom(
    configWith({ solve: { provider: "openai", model: "gpt-4.1-mini", timeoutSeconds: 0.2 } }),
  );
  fake.queue = [{ kind: "slow", delayMs: 1_000 }];
  await expect(gateway.call(identity(), "solve", diagnosis)).rejects.toMatchObject({ status: 504 });
  fake.queue = [];
  const bad = configWith({ solve: { provider: "openai", model: "gpt-4.1-mini", maxOutputTokens: -5 } });
  expect(() => loadModelsConfig({ configFile: bad })).toThrow(ConfigError);
  expect(() => loadModelsConfig({ configFile: bad })).toThrow(/models\.solve\.maxOutputTokens/);
});
