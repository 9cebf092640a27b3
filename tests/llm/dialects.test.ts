// Tool-call dialects end to end: the real `openai` provider behind the real gateway, against a fake
// OpenAI-compatible HTTP server answering with the exact bodies local servers (vLLM, Ollama, llama.cpp,
// LM Studio) send; calls recorded in a real archive.
import { describe, expect, it } from "vitest";
import { identity, openTestArchive, postChat, rawCompletion, useFakeOpenAI } from "./support.ts";
import { ask, assistant, gatewayFor, MAX_ATTEMPTS } from "./tool-call-fixtures.ts";

const fake = useFakeOpenAI();

/** The fake answers with `message` (and `finish_reason`); returns the first choice the gateway passes on. */
async function replyTo(message: Record<string, unknown>, finishReason: string, request = ask) {
  fake().queue = [{ kind: "raw", body: rawCompletion({ message, finish_reason: finishReason }) }];
  const reply = await gatewayFor(fake(), await openTestArchive()).call(identity(), "solve", request);
  return { reply, choice: reply.choices[0] };
}

interface DialectCase {
  dialect: string;
  message: Record<string, unknown>;
  finish: string;
  calls: { name: string; args: Record<string, unknown>; id?: string }[];
  content: string | null;
  note: RegExp;
}

const dialects: DialectCase[] = [
  {
    dialect: "arguments as an object, no id, no type (Ollama)",
    message: assistant("", { tool_calls: [{ function: { name: "bash", arguments: { command: "ls" } } }] }),
    finish: "stop",
    calls: [{ name: "bash", args: { command: "ls" } }],
    content: "",
    note: /arguments sent as an object/,
  },
  {
    dialect: "name and parameters at the top level of the call",
    message: assistant("", { tool_calls: [{ id: "call_7", name: "editor", parameters: { path: "a.js" } }] }),
    finish: "tool_calls",
    calls: [{ name: "editor", args: { path: "a.js" }, id: "call_7" }],
    content: "",
    note: /given at its top level/,
  },
  {
    dialect: "Hermes / Qwen <tool_call> JSON, two calls, text before",
    message: assistant(
      'I will look first.\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\n</tool_call>\n<tool_call>\n{"name": "editor", "arguments": {"path": "a.js"}}\n</tool_call>',
    ),
    finish: "stop",
    calls: [
      { name: "bash", args: { command: "ls" } },
      { name: "editor", args: { path: "a.js" } },
    ],
    content: "I will look first.",
    note: /tool call parsed from <tool_call> text/,
  },
  {
    dialect: "Qwen3-Coder XML, values typed by the schema",
    message: assistant(
      "<tool_call>\n<function=bash>\n<parameter=command>\nls -la 'my dir'\n</parameter>\n<parameter=timeout>\n30\n</parameter>\n</function>\n</tool_call>",
    ),
    finish: "stop",
    calls: [{ name: "bash", args: { command: "ls -la 'my dir'", timeout: 30 } }],
    content: null,
    note: /tool call parsed from <tool_call> text/,
  },
  {
    dialect: "<tool_call> after <think> reasoning that mentions the tag",
    message: assistant(
      '<think>I could write <tool_call> with bash.</think>\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\n</tool_call>',
    ),
    finish: "stop",
    calls: [{ name: "bash", args: { command: "ls" } }],
    content: "<think>I could write <tool_call> with bash.</think>",
    note: /tool call parsed from <tool_call> text/,
  },
  {
    dialect: "Mistral [TOOL_CALLS] JSON list with the model's id",
    message: assistant('[TOOL_CALLS][{"name": "bash", "arguments": {"command": "ls"}, "id": "abc123def"}]'),
    finish: "stop",
    calls: [{ name: "bash", args: { command: "ls" }, id: "abc123def" }],
    content: null,
    note: /tool call parsed from \[TOOL_CALLS\] text/,
  },
  {
    dialect: "Mistral [TOOL_CALLS]name{…} and name[ARGS]{…}",
    message: assistant('Checking. [TOOL_CALLS]bash{"command": "ls"}[TOOL_CALLS]editor[ARGS]{"path": "b.js"}'),
    finish: "stop",
    calls: [
      { name: "bash", args: { command: "ls" } },
      { name: "editor", args: { path: "b.js" } },
    ],
    content: "Checking.",
    note: /tool call parsed from \[TOOL_CALLS\] text/,
  },
  {
    dialect: "Llama 3.x <|python_tag|> with parameters",
    message: assistant('<|python_tag|>{"name": "bash", "parameters": {"command": "pwd"}}<|eom_id|>'),
    finish: "stop",
    calls: [{ name: "bash", args: { command: "pwd" } }],
    content: null,
    note: /tool call parsed from <\|python_tag\|> text/,
  },
  {
    dialect: "Llama 3.1 <function=NAME>{…}</function>",
    message: assistant('Let me check. <function=bash>{"command": "git status"}</function>'),
    finish: "stop",
    calls: [{ name: "bash", args: { command: "git status" } }],
    content: "Let me check.",
    note: /tool call parsed from <function=…> text/,
  },
  {
    dialect: "a bare JSON call in a ```json fence",
    message: assistant('```json\n{"name": "editor", "arguments": {"path": "c.js"}}\n```'),
    finish: "stop",
    calls: [{ name: "editor", args: { path: "c.js" } }],
    content: null,
    note: /tool call parsed from a bare JSON reply/,
  },
  {
    dialect: "a bare JSON call with parameters",
    message: assistant('{"name": "bash", "parameters": {"command": "npm test"}}'),
    finish: "stop",
    calls: [{ name: "bash", args: { command: "npm test" } }],
    content: null,
    note: /tool call parsed from a bare JSON reply/,
  },
];

describe("tool-call dialects become OpenAI tool calls", () => {
  it.each(dialects)("$dialect", async ({ message, finish, calls, content, note }) => {
    const { reply, choice } = await replyTo(message, finish);
    expect(choice?.finish_reason).toBe("tool_calls");
    const toolCalls = choice?.message.tool_calls ?? [];
    expect(toolCalls.map((call) => call.function.name)).toEqual(calls.map((call) => call.name));
    for (const [index, call] of toolCalls.entries()) {
      const expected = calls[index];
      expect(call.type).toBe("function");
      expect(typeof call.function.arguments).toBe("string");
      expect(JSON.parse(call.function.arguments)).toEqual(expected?.args);
      if (expected?.id) expect(call.id).toBe(expected.id);
      else expect(call.id).toMatch(/^[A-Za-z0-9]{9}$/);
    }
    expect(new Set(toolCalls.map((call) => call.id)).size).toBe(toolCalls.length);
    expect(choice?.message.content ?? null).toEqual(content);
    expect(reply.dialect_notes?.join("\n")).toMatch(note);
  });

  it("reaches an agent over its socket in the OpenAI shape, and the call record keeps the note", async () => {
    const archive = await openTestArchive();
    const session = await gatewayFor(fake(), archive).openSession({ identity: identity(), role: "solve" });
    fake().queue = [
      {
        kind: "raw",
        body: rawCompletion({
          message: assistant('<tool_call>{"name": "bash", "arguments": {"command": "ls"}}</tool_call>'),
        }),
      },
    ];
    const answer = await postChat(session.socketPath, ask);
    await session.close();
    expect(answer.status).toBe(200);
    const body = answer.body as { choices: { message: { tool_calls: unknown[] }; finish_reason: string }[] };
    expect(body.choices[0]?.finish_reason).toBe("tool_calls");
    expect(body.choices[0]?.message.tool_calls).toHaveLength(1);
    expect(archive.calls[0]?.response).toMatchObject({ dialect_notes: ["tool call parsed from <tool_call> text"] });
  });

  it("leaves text alone that only looks like a call: undeclared names, quoted formats, requests without tools", async () => {
    const json = '{"name": "summary", "arguments": {"ok": true}}';
    expect((await replyTo(assistant(json), "stop")).choice).toMatchObject({
      finish_reason: "stop",
      message: { content: json },
    });
    const quoted = 'The format is:\n```\n<tool_call>{"name": "bash"}</tool_call>\n```\nThat is all.';
    expect((await replyTo(assistant(quoted), "stop")).choice?.message).toEqual({ role: "assistant", content: quoted });
    const text = '<tool_call>{"name": "bash", "arguments": {}}</tool_call>';
    const noTools = { messages: ask.messages, max_tokens: 50 };
    const { choice } = await replyTo(assistant(text), "stop", noTools);
    expect(choice?.message.content).toBe(text);
    expect(choice?.message.tool_calls).toBeUndefined();
  });
});

describe("a reply that means to call a tool but holds no usable call", () => {
  const unusable: { what: string; message: Record<string, unknown>; finish: string; error: RegExp }[] = [
    {
      what: "invalid JSON in <tool_call>",
      message: assistant('<tool_call>\n{"name": "bash", "arguments": {"command": "ls"\n</tool_call>'),
      finish: "tool_calls",
      error:
        /^model call failed: the model's reply has finish_reason "tool_calls" but no usable tool call: <tool_call> holds invalid JSON: .+ in '\{"name": "bash", "arguments": \{"command": "ls"'/,
    },
    {
      what: "a tool the request did not declare",
      message: assistant('<tool_call>{"name": "rm_rf", "arguments": {}}</tool_call>'),
      finish: "stop",
      error:
        /^model call failed: the model's reply has a tool call written in its text but no usable tool call: <tool_call> calls "rm_rf", which the request did not declare \(declared: bash, editor\)/,
    },
    {
      what: 'finish_reason "tool_calls" with no call at all',
      message: assistant("Done, I think.", { tool_calls: [] }),
      finish: "tool_calls",
      error:
        /^model call failed: the model's reply has finish_reason "tool_calls" but no usable tool call: the message holds no tool call in 'Done, I think\.'/,
    },
  ];

  it.each(unusable)(
    "$what: fails in one line after retrying, and is recorded as a failure",
    async ({ message, finish, error }) => {
      const archive = await openTestArchive();
      const body = rawCompletion({ message, finish_reason: finish });
      fake().queue = Array.from({ length: MAX_ATTEMPTS }, () => ({ kind: "raw" as const, body }));
      const failure = await gatewayFor(fake(), archive)
        .call(identity(), "solve", ask)
        .then(
          () => new Error("the call succeeded"),
          (thrown: Error) => thrown,
        );
      expect(failure.message).toMatch(error);
      expect(failure.message).toContain(`after ${MAX_ATTEMPTS} attempts`);
      expect(failure.message).not.toContain("\n");
      expect(fake().received).toHaveLength(MAX_ATTEMPTS);
      expect(archive.calls).toHaveLength(1);
      expect(archive.calls[0]?.error).toMatch(/no usable tool call/);
    },
  );

  it("is retried: a well-formed second sample is the answer", async () => {
    fake().queue = [
      { kind: "raw", body: rawCompletion({ message: assistant("<tool_call>{oops</tool_call>") }) },
      {
        kind: "raw",
        body: rawCompletion({
          message: assistant('<tool_call>{"name": "bash", "arguments": {"command": "ls"}}</tool_call>'),
        }),
      },
    ];
    const reply = await gatewayFor(fake(), await openTestArchive()).call(identity(), "solve", ask);
    expect(fake().received).toHaveLength(2);
    expect(reply.choices[0]?.message.tool_calls?.[0]?.function.name).toBe("bash");
  });
});
