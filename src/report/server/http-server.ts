// `dgm serve`: the local web UI over node:http. Binds 127.0.0.1 by default: the archive holds source,
// prompts and costs, so exposing it on a network is an explicit choice (--host).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Archive } from "../../../archive/index.ts";
import { handleApi } from "./api.ts";
import { renderUiPage } from "./ui-page.ts";

export interface ReportServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startReportServer(
  archive: Archive,
  options: { port?: number; host?: string } = {},
): Promise<ReportServer> {
  const page = renderUiPage(archive.home);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const send = (status: number, type: string, body: string): void => {
      response.writeHead(status, {
        "content-type": type,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      });
      response.end(body);
    };
    if (request.method !== "GET") return send(405, "text/plain", "only GET is supported\n");
    if (url.pathname === "/" || url.pathname === "/index.html") return send(200, "text/html; charset=utf-8", page);
    if (!url.pathname.startsWith("/api/")) return send(404, "text/plain", "not found\n");
    handleApi(archive, url).then(
      (result) => send(result.status, "application/json", JSON.stringify(result.body)),
      (error: unknown) => send(500, "application/json", JSON.stringify({ error: (error as Error).message })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
