// The HTTP face of one gateway session: a unix socket in a private directory, speaking the
// OpenAI chat-completions wire format. The directory is 0755 and the socket 0666 so that uid 1000
// inside a container (where the directory is bind-mounted read-only at /gateway) can connect.
// The agent on the other end is untrusted and the host process's file descriptors and memory are
// shared by every session and by its own Docker calls, so each session holds a bounded number of
// connections for a bounded time with a bounded body: a flood starves the flooding agent, not the run.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChatResponse } from "../types.ts";
import { GatewayError } from "./errors.ts";

export type ChatHandler = (body: unknown, signal: AbortSignal) => Promise<ChatResponse>;

export interface SessionHttpLimits {
  /** Connections open at once; more are closed as soon as they are accepted (Node's maxConnections). */
  maxConnections: number;
  /** Time to send the request headers; a connection that sends nothing at all is closed after it too. */
  headersTimeoutMs: number;
  /** Time to send the whole request. The model's answer may take minutes and is not counted. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection keeps its slot. */
  keepAliveTimeoutMs: number;
  maxBodyBytes: number;
}

const MiB = 1024 * 1024;

// 16 connections serve an agent with parallel workers; 8 MiB holds a 1M-token conversation, and
// 16 × 8 MiB bounds what one session can make the host buffer. A local socket delivers 8 MiB in
// milliseconds, so the timeouts only ever catch a client that stalls on purpose.
export const DEFAULT_SESSION_HTTP_LIMITS: SessionHttpLimits = {
  maxConnections: 16,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxBodyBytes: 8 * MiB,
};

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

function tooLarge(maxBodyBytes: number): GatewayError {
  const limit = `${Math.floor(maxBodyBytes / MiB)} MiB`;
  return new GatewayError(`request body too large (${limit} max)`, 413, "invalid_request_error", "body_too_large");
}

async function readJson(req: IncomingMessage, maxBodyBytes: number): Promise<unknown> {
  // A declared length over the cap is refused before a byte of the body is read.
  if (Number(req.headers["content-length"] ?? 0) > maxBodyBytes) throw tooLarge(maxBodyBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw tooLarge(maxBodyBytes);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch (error) {
    throw new GatewayError(
      `request body is not valid JSON: ${(error as Error).message}`,
      400,
      "invalid_request_error",
      "invalid_json",
    );
  }
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  onChat: ChatHandler,
  maxBodyBytes: number,
): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method !== "POST" || (path !== "/v1/chat/completions" && path !== "/chat/completions")) {
    throw new GatewayError(
      `unknown endpoint ${req.method} ${path}: this gateway serves POST /v1/chat/completions`,
      404,
      "invalid_request_error",
      "unknown_endpoint",
    );
  }
  const aborted = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborted.abort();
  });
  const body = await readJson(req, maxBodyBytes);
  send(res, 200, await onChat(body, aborted.signal));
}

export interface ServedSession {
  socketDir: string;
  socketPath: string;
  close(): Promise<void>;
}

export async function serveSession(
  onChat: ChatHandler,
  socketRoot = tmpdir(),
  overrides: Partial<SessionHttpLimits> = {},
): Promise<ServedSession> {
  const limits = { ...DEFAULT_SESSION_HTTP_LIMITS, ...overrides };
  const socketDir = await mkdtemp(join(socketRoot, "dgm-gw-"));
  await chmod(socketDir, 0o755);
  const socketPath = join(socketDir, "gateway.sock");
  const options = {
    // Node refuses a headers timeout longer than the request timeout.
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
    requestTimeout: limits.requestTimeoutMs,
    // How often those timeouts are checked (Node's default is every 30 s, longer than they are).
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 2))),
  };
  const server = createServer(options, (req, res) => {
    handle(req, res, onChat, limits.maxBodyBytes).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      const gatewayError =
        error instanceof GatewayError
          ? error
          : new GatewayError(
              `gateway error: ${(error as Error).message ?? String(error)}`,
              500,
              "upstream_error",
              "internal",
            );
      // Limits, budgets and a server's final refusals (a bad key, an unknown model): tell OpenAI SDK
      // clients not to retry them.
      const headers: Record<string, string> = gatewayError.final ? { "x-should-retry": "false" } : {};
      // The rest of an oversized body is not worth reading: close the connection after the answer.
      if (gatewayError.status === 413) headers.connection = "close";
      send(res, gatewayError.status, gatewayError.toBody(), headers);
    });
  });
  server.maxConnections = limits.maxConnections;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  await chmod(socketPath, 0o666);
  let closed = false;
  return {
    socketDir,
    socketPath,
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(socketDir, { recursive: true, force: true });
    },
  };
}
