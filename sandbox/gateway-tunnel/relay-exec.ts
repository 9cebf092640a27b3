// How the relay is started in a container: as root so that the agent (uid 1000) can neither ptrace it
// nor open its stdout through /proc to write fake frames (the container spec drops every capability,
// so root here owns its own files and nothing more), in "/" so that nothing in the agent's workspace
// is near its module resolution.
import type { ExecCreateOptions } from "dockerode";
import { SandboxError } from "../errors.ts";

/** Where the relay's tree (sandbox/gateway-tunnel/relay/, see RELAY_TREE in start.ts) is in a container. */
export const RELAY_DIR = "/opt/dgm-relay";
export const RELAY_SCRIPT = `${RELAY_DIR}/gateway-relay.mjs`;

/** Linux's sun_path holds 108 bytes including the terminating NUL. */
const MAX_SOCKET_PATH_BYTES = 107;

export function relayExecOptions(containerSocketPath: string): ExecCreateOptions {
  if (!containerSocketPath.startsWith("/") || containerSocketPath.endsWith("/")) {
    throw new SandboxError(
      `gateway relay: the container socket path must be an absolute file path, got ${JSON.stringify(containerSocketPath)}`,
      { fix: 'pass a path such as "/gateway/gateway.sock"' },
    );
  }
  if (Buffer.byteLength(containerSocketPath) > MAX_SOCKET_PATH_BYTES) {
    throw new SandboxError(
      `gateway relay: the container socket path is ${Buffer.byteLength(containerSocketPath)} bytes, over the ${MAX_SOCKET_PATH_BYTES} a unix socket allows`,
      { fix: "choose a shorter path" },
    );
  }
  return {
    Cmd: ["node", RELAY_SCRIPT, containerSocketPath],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    User: "0:0",
    WorkingDir: "/",
  };
}
