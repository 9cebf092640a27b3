// Shared test helpers for the model room: an HTTP client over a unix socket, a fake
// OpenAI-compatible server (a real HTTP server on 127.0.0.1), and real archives in temp homes.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type Archive, type CallerIdentity, type ModelCallRow, openArchive } from "../../archive/index.ts";
import type { ChatRequest, ChatResponse } from "../../src/llm/index.ts";

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export function postChat(socketPath: string, body: unknown, path = "/v1/chat/completions"): Promise<HttpReply> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        socketPath,
        path,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(text) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw ? JSON.parse(raw) : null });
        });
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

export function identity(overrides: Partial<CallerIdentity> = {}): CallerIdentity {
  return {
    runId: "run-test",
    agentId: "agent-1",
    attemptId: null,
    evaluationKey: null,
    taskId: "task-1",
    purpose: "solve",
    sessionId: randomUUID(),
    ...overrides,
  };
}

const openArchives: { archive: Archive; home: string }[] = [];

/** A real archive in a temp home; `calls` lists every recorded model call in order. */
export async function openTestArchive(): Promise<Archive & { readonly calls: ModelCallRow[] }> {
  const home = mkdtempSync(join(tmpdir(), "dgm-llm-archive-"));
  const archive = await openArchive(home);
  openArchives.push({ archive, home });
  const withCalls: Archive & { readonly calls: ModelCallRow[] } = Object.defineProperty(archive as Archive, "calls", {
    get: () => archive.listModelCalls({}),
  }) as Archive & { readonly calls: ModelCallRow[] };
  return withCalls;
}

export function closeTestArchives(): void {
  for (const { archive, home } of openArchives.splice(0)) {
    archive.close();
    rmSync(home, { recursive: true, force: true });
  }
}

export type FakeBehaviour =
  | { kind: "ok"; content?: string }
  /**
   * Answers with exactly this body (an object is sent as JSON, a string verbatim) and status (default
   * 200): any message, tool calls, usage or finish_reason a real server might send. See rawCompletion.
   */
  | { kind: "raw"; body: unknown; status?: number; headers?: Record<string, string> }
  | { kind: "status"; status: number; headers?: Record<string, string>; body?: string }
  | { kind: "slow"; delayMs: number }
  | { kind: "malformed" }
  /** Answers from the request: a server that follows the conversation (an agent's steps), 200 with the body returned. */
  | { kind: "respond"; answer: (body: ChatRequest & Record<string, unknown>) => unknown };

export interface FakeOpenAI {
  baseUrl: string;
  /** Bodies and auth headers of every request received, in order. */
  received: { body: ChatRequest & Record<string, unknown>; authorization: string | undefined }[];
  /** Behaviours played in order; when empty, `otherwise` answers (default: every request succeeds). */
  queue: FakeBehaviour[];
  otherwise?: FakeBehaviour;
  close(): Promise<void>;
}

export function completion(model: string, content: string): ChatResponse {
  return {
    id: "chatcmpl-fake",
    object: "chat.completion",
    created: 1,
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  };
}

/** What a raw chat completion may say; `usage: null` leaves usage out (servers that send none). */
export interface RawCompletionParts {
  model?: string;
  message?: Record<string, unknown>;
  finish_reason?: string | null;
  usage?: Record<string, unknown> | null;
}

/** A chat-completion body built from the parts given, for the fake's `raw` behaviour. */
export function rawCompletion(parts: RawCompletionParts = {}): Record<string, unknown> {
  const usage =
    parts.usage === undefined ? { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 } : parts.usage;
  return {
    id: "chatcmpl-raw",
    object: "chat.completion",
    created: 1,
    model: parts.model ?? "fake-model",
    choices: [
      {
        index: 0,
        message: parts.message ?? { role: "assistant", content: "hello" },
        finish_reason: parts.finish_reason === undefined ? "stop" : parts.finish_reason,
      },
    ],
    ...(usage === null ? {} : { usage }),
  };
}

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest & Record<string, unknown>;
      fake.received.push({ body, authorization: req.headers.authorization });
      const behaviour = fake.queue.shift() ?? fake.otherwise ?? { kind: "ok" };
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(typeof value === "string" ? value : JSON.stringify(value));
      };
      if (behaviour.kind === "ok") json(200, completion(String(body.model), behaviour.content ?? "hello"));
      else if (behaviour.kind === "raw") json(behaviour.status ?? 200, behaviour.body, behaviour.headers);
      else if (behaviour.kind === "respond") json(200, behaviour.answer(body));
      else if (behaviour.kind === "status") {
        json(
          behaviour.status,
          behaviour.body ?? { error: { message: `fake ${behaviour.status}`, type: "server_error" } },
          behaviour.headers,
        );
      } else if (behaviour.kind === "malformed") json(200, '{"id": "chatcmpl-broken", "choices": [');
      else setTimeout(() => json(200, completion(String(body.model), "late")), behaviour.delayMs).unref();
    });
  });
  const fake: FakeOpenAI = {
    baseUrl: "",
    received: [],
    queue: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}

/**
 * One fake server for a test file: started before its tests, its log, queue and fallback cleared
 * before each test, closed after them (with the file's test archives). Call at the file's top level.
 */
export function useFakeOpenAI(): () => FakeOpenAI {
  let fake: FakeOpenAI | undefined;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    closeTestArchives();
    await fake?.close();
  });
  beforeEach(() => {
    if (!fake) return;
    fake.received.length = 0;
    fake.queue = [];
    fake.otherwise = undefined;
  });
  return () => {
    if (!fake) throw new Error("useFakeOpenAI's server is used before its beforeAll ran");
    return fake;
  };
}
