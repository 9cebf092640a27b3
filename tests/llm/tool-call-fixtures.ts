// What the dialect and usage tests share: two declared tools, a request that offers them, and a gateway
// in front of the real `openai` provider pointed at the fake server.
import type { Archive } from "../../archive/index.ts";
import {
  type ChatRequest,
  createGateway,
  createOpenAIProvider,
  createPricing,
  type Gateway,
  type ToolDefinition,
} from "../../src/llm/index.ts";
import type { FakeOpenAI } from "./support.ts";

export const tools: ToolDefinition[] = [
  {
    type: "function",
    function: {
      name: "bash",
      description: "Run a shell command in the workspace and return its output.",
      parameters: {
        type: "object",
        properties: { command: { type: "string" }, timeout: { type: "integer" } },
        required: ["command"],
      },
    },
  },
  {
    type: "function",
    function: {
      name: "editor",
      description: "View, create and edit files.",
      parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
    },
  },
];
export const ask: ChatRequest = {
  messages: [{ role: "user", content: "fix the failing test" }],
  tools,
  max_tokens: 200,
};
export const MAX_ATTEMPTS = 3;

/** The gateway retries fast (the count of attempts is what matters); unknown prices stay quiet. */
export function gatewayFor(fake: FakeOpenAI, archive: Archive, model = "gpt-4.1-mini"): Gateway {
  const provider = createOpenAIProvider({ model, baseUrl: fake.baseUrl, apiKey: "sk-test", timeoutMs: 2000 });
  return createGateway({
    archive,
    providers: { solve: provider },
    pricing: createPricing({}, () => {}),
    retry: { maxAttempts: MAX_ATTEMPTS, baseDelayMs: 1, maxDelayMs: 5 },
  });
}

export const assistant = (content: string, extra: Record<string, unknown> = {}) => ({
  role: "assistant",
  content,
  ...extra,
});
