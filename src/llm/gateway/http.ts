// The HTTP face of one gateway session: a unix socket in a private directory, speaking the
// OpenAI chat-completions wire format. The directory is 0755 and the socket 0666 so that uid 1000
// inside a container (where the directory is bind-mounted read-only at /gateway) can connect.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChatResponse } from "../types.ts";
import { GatewayError } from "./errors.ts";

export type ChatHandler = (body: unknown, signal: AbortSignal) => Promise<ChatResponse>;

const maxBodyBytes = 32 * 1024 * 1024;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes)
      throw new GatewayError("request body too large (32 MiB max)", 413, "invalid_request_error", "body_too_large");
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

async function handle(req: IncomingMessage, res: ServerResponse, onChat: ChatHandler): Promise<void> {
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
  const body = await readJson(req);
  send(res, 200, await onChat(body, aborted.signal));
}

export interface ServedSession {
  socketDir: string;
  socketPath: string;
  close(): Promise<void>;
}

export async function serveSession(onChat: ChatHandler, socketRoot = tmpdir()): Promise<ServedSession> {
  const socketDir = await mkdtemp(join(socketRoot, "dgm-gw-"));
  await chmod(socketDir, 0o755);
  const socketPath = join(socketDir, "gateway.sock");
  const server = createServer((req, res) => {
    handle(req, res, onChat).catch((error: unknown) => {
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
      // Limits and budgets are final: tell OpenAI SDK clients not to retry them.
      const headers: Record<string, string> = gatewayError.status === 429 ? { "x-should-retry": "false" } : {};
      send(res, gatewayError.status, gatewayError.toBody(), headers);
    });
  });
  server.keepAliveTimeout = 60_000;
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
