// The host end of the gateway tunnel. The relay inside a container accepts the agent's connections
// and carries them, multiplexed as frames, over the stdin/stdout of ONE exec; here the exec stream is
// read and written, and each tunnelled connection becomes a connection to the gateway session's host
// unix socket (gateway-connections.ts). So a sandbox on any Docker engine reaches the gateway through
// the Docker API alone, and its container keeps no network. The stream from the container is hostile
// (the agent shares that container): a malformed frame ends the tunnel with a reason and never throws,
// and both directions apply backpressure, so the host holds at most one frame and the sockets' own
// buffers per tunnel.
import type { Duplex } from "node:stream";
import { SandboxError } from "../errors.ts";
import { DockerDemux, HeadTailBuffer } from "../output.ts";
import { type Frame, FrameDecoder, FrameType, frameTypeName, RELAY_PROTOCOL } from "./frames.ts";
import { GatewayConnections } from "./gateway-connections.ts";

export interface TunnelLimits {
  /** A frame declaring a longer payload ends the tunnel (the relay sends at most 64 KiB). */
  maxPayloadBytes: number;
  /** Tunnelled connections open at once; an OPEN past it is answered with a RESET. */
  maxOpenConnections: number;
}

export const DEFAULT_TUNNEL_LIMITS: TunnelLimits = { maxPayloadBytes: 1024 * 1024, maxOpenConnections: 64 };

export interface TunnelStats {
  /** Tunnelled connections opened so far (ones refused by the cap are not counted). */
  connections: number;
  openConnections: number;
  /** Payload bytes carried from the container to the gateway, and back. */
  bytesToHost: number;
  bytesToContainer: number;
}

export interface GatewayTunnel {
  /** Ends every tunnelled connection and the exec stream. Idempotent. */
  close(): Promise<void>;
  /** Settles when the tunnel ended (closed, stream gone, or a protocol violation): why, as text. */
  readonly ended: Promise<string>;
  stats(): TunnelStats;
}

/** The relay's stderr kept for error messages: enough for a Node stack trace, bounded against a flood. */
const STDERR_KEPT_BYTES = 8 * 1024;
const GONE = "(the relay exited or its container is gone)";

class HostEnd implements GatewayTunnel {
  readonly ended: Promise<string>;
  readonly ready: Promise<void>;
  /** Why the tunnel ended, without the relay's stderr (which `ended` appends). */
  readonly endReason: Promise<string>;
  private resolveEnded!: (why: string) => void;
  private resolveEndReason!: (why: string) => void;
  private resolveReady!: () => void;
  private readonly decoder: FrameDecoder;
  private readonly demux: DockerDemux;
  private readonly stderr = new HeadTailBuffer(STDERR_KEPT_BYTES);
  private readonly connections: GatewayConnections;
  /** The exec stream is not draining: the gateway sockets are paused until it does. */
  private streamBlocked = false;
  private isReady = false;
  private isEnded = false;

  constructor(
    private readonly stream: Duplex,
    hostSocketPath: string,
    limits: TunnelLimits,
  ) {
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.endReason = new Promise((resolve) => (this.resolveEndReason = resolve));
    this.decoder = new FrameDecoder(limits.maxPayloadBytes);
    this.connections = new GatewayConnections(hostSocketPath, limits.maxOpenConnections, {
      send: (frame) => this.sendToRelay(frame),
      violation: (reason) => this.finish(`protocol violation: ${reason}`),
      pauseRelay: () => this.demux.pause(),
      resumeRelay: () => {
        if (!this.isEnded) this.demux.resume();
      },
      guarded: (handler) => this.guarded(handler),
    });
    this.demux = new DockerDemux((chunk) => this.stderr.push(chunk));
    this.demux.on("data", (chunk: Buffer) => this.guarded(() => this.onRelayBytes(chunk)));
    this.demux.on("end", () => this.finish(`the relay's output ended ${GONE}`));
    this.demux.on("error", (error: Error) => this.finish(`the relay's output failed: ${error.message}`));
    stream.on("end", () => this.finish(`the exec stream ended ${GONE}`));
    stream.on("close", () => this.finish(`the exec stream closed ${GONE}`));
    stream.on("error", (error: Error) => this.finish(`the exec stream failed: ${error.message}`));
    stream.on("drain", () => this.guarded(() => this.onStreamDrain()));
    stream.pipe(this.demux);
  }

  stats(): TunnelStats {
    return { ...this.connections.counters, openConnections: this.connections.openCount };
  }

  stderrText(): string {
    return this.stderr.text().trim();
  }

  async close(): Promise<void> {
    this.finish("closed by the host");
    await this.ended;
  }

  /** Event handlers never throw: a bug or a broken invariant ends this tunnel, not the process. */
  private guarded(handler: () => void): void {
    try {
      handler();
    } catch (error) {
      this.finish(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private onRelayBytes(chunk: Buffer): void {
    if (this.isEnded) return;
    const { frames, error } = this.decoder.push(chunk);
    for (const frame of frames) {
      this.onFrame(frame);
      if (this.isEnded) return;
    }
    if (error !== undefined) this.violation(this.isReady ? error : `garbage before READY: ${error}`);
  }

  private onFrame(frame: Frame): void {
    if (frame.type === FrameType.READY) this.onReady(frame);
    else if (!this.isReady) this.violation(`garbage before READY: a frame of type ${frameTypeName(frame.type)}`);
    else if (frame.type === FrameType.OPEN) this.connections.onOpen(frame);
    else if (frame.type === FrameType.DATA) this.connections.onData(frame);
    else if (frame.type === FrameType.END) this.connections.onEnd(frame);
    else this.connections.onReset(frame);
  }

  private onReady(frame: Frame): void {
    const protocol = frame.payload.toString("utf8");
    if (this.isReady) {
      this.violation("a second READY frame");
    } else if (frame.connectionId !== 0 || protocol !== RELAY_PROTOCOL) {
      this.violation(
        `READY for connection ${frame.connectionId} speaking ${JSON.stringify(protocol.slice(0, 80))}, expected connection 0 speaking "${RELAY_PROTOCOL}" (is the container's gateway-relay.mjs from another version?)`,
      );
    } else {
      this.isReady = true;
      this.resolveReady();
    }
  }

  private sendToRelay(frame: Buffer): void {
    if (this.isEnded) return;
    if (this.stream.write(frame) || this.streamBlocked) return;
    this.streamBlocked = true;
    this.connections.pauseSockets();
  }

  private onStreamDrain(): void {
    if (!this.streamBlocked || this.isEnded) return;
    this.streamBlocked = false;
    this.connections.resumeSockets();
  }

  private violation(reason: string): void {
    this.finish(`protocol violation: ${reason}`);
  }

  /** Ends the tunnel once: every gateway socket is destroyed, the exec stream with it (the relay then exits). */
  private finish(why: string): void {
    if (this.isEnded) return;
    this.isEnded = true;
    const stderr = this.stderrText();
    this.connections.destroyAll();
    this.stream.unpipe(this.demux);
    this.demux.destroy();
    this.stream.destroy();
    this.resolveEndReason(why);
    this.resolveEnded(stderr === "" ? why : `${why}; relay stderr: ${stderr}`);
  }
}

export interface OpenTunnelOptions {
  /** The gateway session's unix socket on the host. */
  hostSocketPath: string;
  /** How long the relay may take to listen (node starting in a busy container). Default 10 s. */
  readyTimeoutMs?: number;
  limits?: Partial<TunnelLimits>;
}

/**
 * Starts tunnelling over an already started, hijacked exec stream of the relay (stdout/stderr are
 * Docker-multiplexed, stdin raw). Resolves once the relay reports it is listening; rejects with a
 * SandboxError naming the relay's stderr when it does not within readyTimeoutMs.
 */
export async function openGatewayTunnel(stream: Duplex, options: OpenTunnelOptions): Promise<GatewayTunnel> {
  const limits = { ...DEFAULT_TUNNEL_LIMITS, ...options.limits };
  const tunnel = new HostEnd(stream, options.hostSocketPath, limits);
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`it did not report READY within ${readyTimeoutMs} ms`), readyTimeoutMs);
  });
  const failure = await Promise.race([tunnel.ready.then(() => undefined), tunnel.endReason, timedOut]);
  clearTimeout(timer);
  if (failure === undefined) return tunnel;
  const stderr = tunnel.stderrText();
  await tunnel.close();
  throw new SandboxError(
    `the gateway relay in the container did not start: ${failure}; relay stderr: ${stderr || "(empty)"}`,
    {
      fix: "check that the relay's tree (sandbox/gateway-tunnel/relay/) is at /opt/dgm-relay in the container and that its node runs",
    },
  );
}
