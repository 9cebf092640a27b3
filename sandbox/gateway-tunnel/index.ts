// The gateway tunnel: agents in a container reach the host's model gateway through the Docker API
// (a relay in the container, one exec stream), so sandboxes need no host socket mounted. The frame
// codec (frames.ts) is deliberately not exported: only the tunnel and its tests speak it.
export {
  DEFAULT_TUNNEL_LIMITS,
  type GatewayTunnel,
  type OpenTunnelOptions,
  openGatewayTunnel,
  type TunnelLimits,
  type TunnelStats,
} from "./host-end.ts";
export { relayExecOptions } from "./relay-exec.ts";
export { RELAY_TREE, startGatewayTunnel } from "./start.ts";
