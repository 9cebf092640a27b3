// A stand-in for a gateway session: a unix-socket HTTP server on the host that answers every
// chat-completions request with one canned reply, in a directory laid out as the gateway's (0755 dir,
// 0666 socket, so uid 1000 in a container reaches it when the directory is bind-mounted). No archive
// and no provider behind it, so the round trip measured is the transport alone.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** One canned chat completion ("done", 300 + 5 tokens): the reply of every stand-in model server in the benchmarks. */
export function cannedCompletion(model: string): string {
  return JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion",
    created: 1,
    model,
    choices: [{ index: 0, message: { role: "assistant", content: "done" }, finish_reason: "stop" }],
    usage: { prompt_tokens: 300, completion_tokens: 5, total_tokens: 305 },
  });
}

const REPLY = cannedCompletion("bench");

/** A gateway socket on the host that containers send chat requests to. */
export interface HostGateway {
  socketPath: string;
  /** Requests answered so far: the benchmark checks that every timed request reached the host. */
  answered(): number;
  close(): Promise<void>;
}

export async function startChatServer(): Promise<HostGateway> {
  const dir = await mkdtemp(join(tmpdir(), "dgm-bench-gw-"));
  await chmod(dir, 0o755);
  const socketPath = join(dir, "gateway.sock");
  let answered = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      answered += 1;
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(REPLY) });
      response.end(REPLY);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, resolve);
  });
  await chmod(socketPath, 0o666);
  return {
    socketPath,
    answered: () => answered,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
