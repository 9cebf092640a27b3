// The request fields the gateway forwards to a model, and their shapes. This is an allowlist: an
// agent is untrusted, and every field it may set is one it can use against the run. What is here is
// what a coding agent needs to converse and use tools, plus sampling controls that change neither
// the price per token, nor how many answers are generated, nor what the provider stores or fetches.
// Everything else (service_tier, store, metadata, audio, modalities, web_search_options, prediction,
// logprobs, user, logit_bias, functions …) is dropped by request-policy.ts, and `n` and the output
// limit are decided there. Fields keep OpenAI's names and meanings, so any OpenAI client works.
import { z } from "zod";

// Plain text only: image, audio and file parts are priced outside the token estimate the budget
// reserves, and an image URL makes the provider fetch it — a way out of a sandbox with no network.
// Text given as content parts (many clients send `[{type: "text", text}]`) is joined into one string,
// so everything downstream sees one shape.
const PLAIN_TEXT_ONLY = "must be a string or text parts: the gateway forwards plain-text messages only";
const textPart = z.object({ type: z.literal("text", { error: PLAIN_TEXT_ONLY }), text: z.string() });
const text = z.union([z.string(), z.array(textPart).transform((parts) => parts.map((part) => part.text).join(""))], {
  error: PLAIN_TEXT_ONLY,
});

const toolCall = z.object({
  id: z.string(),
  type: z.literal("function"),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

const message = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: text }),
  z.object({ role: z.literal("user"), content: text }),
  z.object({
    role: z.literal("assistant"),
    content: text.nullable().default(null),
    tool_calls: z.array(toolCall).optional(),
  }),
  z.object({ role: z.literal("tool"), tool_call_id: z.string(), content: text }),
]);

// Function tools only: the provider-side tools (web search, code interpreter, file search) reach
// the network and are billed per use.
const tool = z.object({
  type: z.literal("function", { error: 'only tools of type "function" are forwarded' }),
  function: z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    // OpenAI reads a missing parameter list as an empty one; spelling it out keeps one shape downstream.
    parameters: z.record(z.string(), z.unknown()).default(() => ({ type: "object", properties: {} })),
    strict: z.boolean().nullable().optional(),
  }),
});

const toolChoice = z.union([
  z.enum(["none", "auto", "required"]),
  z.object({ type: z.literal("function"), function: z.object({ name: z.string() }) }),
]);

const responseFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    json_schema: z.object({
      name: z.string(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

const outputLimit = z.number().int().positive();

/** The forwarded fields. `null` is accepted for the optional ones (some clients send it for "unset"). */
export const forwardedRequest = z.object({
  messages: z.array(message).min(1, "must be a non-empty array"),
  tools: z.array(tool).nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.number().int().nullish(),
  response_format: responseFormat.nullish(),
  // Reasoning tokens count as output tokens, so the clamped output limit bounds what effort costs.
  reasoning_effort: z.string().max(32).nullish(),
  max_tokens: outputLimit.nullish(),
  max_completion_tokens: outputLimit.nullish(),
});

export type ForwardedRequest = z.output<typeof forwardedRequest>;

/** Fields the gateway itself decides, so an agent setting them is not worth a note: the model is the role's. */
export const gatewayOwnedFields: ReadonlySet<string> = new Set(["model", "stream", "n"]);
