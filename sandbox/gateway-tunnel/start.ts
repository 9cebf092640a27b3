// Starting the tunnel for a session on an engine that cannot see this machine's files: the relay is
// exec'd in the container (from the relay tree, mounted like any read-only tree), and its stream is
// handed to the host end, which connects each tunnelled connection to the gateway session's socket.
import { Socket } from "node:net";
import { fileURLToPath } from "node:url";
import type { Container } from "dockerode";
import type { ReadOnlyTree, SessionGateway } from "../types.ts";
import { type GatewayTunnel, openGatewayTunnel } from "./host-end.ts";
import { RELAY_DIR, relayExecOptions } from "./relay-exec.ts";

/** The relay script's tree: small and separate, since every session with a gateway needs it. */
export const RELAY_TREE: ReadOnlyTree = {
  name: "relay",
  containerPath: RELAY_DIR,
  sources: [{ hostPath: fileURLToPath(new URL("./relay/", import.meta.url)), path: "" }],
};

export async function startGatewayTunnel(container: Container, gateway: SessionGateway): Promise<GatewayTunnel> {
  const exec = await container.exec(relayExecOptions(gateway.containerSocketPath));
  const stream = await exec.start({ hijack: true, stdin: true });
  // Small frames must leave at once: with Nagle's algorithm a TCP engine held a quarter of new
  // connections back by ~40 ms (measured by bench:engines). A unix socket has no such option.
  if (stream instanceof Socket) stream.setNoDelay(true);
  return openGatewayTunnel(stream, { hostSocketPath: gateway.hostSocketPath });
}
