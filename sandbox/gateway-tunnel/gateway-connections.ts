// The gateway side of the tunnel's connections: each OPEN from the relay becomes a connection to the
// gateway session's host unix socket, its frames become that socket's bytes and half-closes, and the
// socket's bytes go back as frames. The frames come from a hostile container, so anything that does
// not fit a connection's state is reported to the tunnel (which ends) instead of being acted on.
import { connect, type Socket } from "node:net";
import { encodeData, encodeFrame, type Frame, FrameType, frameTypeName } from "./frames.ts";

/** What the connections need from the tunnel that carries them. */
export interface RelayLink {
  /** Sends a frame to the relay; the tunnel handles the exec stream's backpressure. */
  send(frame: Buffer): void;
  /** The relay broke the protocol: the tunnel ends with this reason. */
  violation(reason: string): void;
  /** A gateway socket is not draining: stop reading the relay's frames until resumeRelay. */
  pauseRelay(): void;
  resumeRelay(): void;
  /** Runs a socket event handler so that nothing it throws escapes into the event loop. */
  guarded(handler: () => void): void;
}

/** Ids closed lately, whose in-flight DATA/END/RESET frames are ignored rather than taken as violations. */
const RECENT_IDS_KEPT = 1024;

interface TunnelConnection {
  id: number;
  socket: Socket;
  /** The relay sent END: the container side sends no more bytes. */
  relayEnded: boolean;
  /** The gateway ended its side and the relay was sent END. */
  hostEnded: boolean;
}

export class GatewayConnections {
  readonly counters = { connections: 0, bytesToHost: 0, bytesToContainer: 0 };
  private readonly open = new Map<number, TunnelConnection>();
  /** Every gateway socket until it closed, forgotten connections included: destroyAll reaches them all. */
  private readonly liveSockets = new Set<Socket>();
  private readonly recentlyClosed = new Set<number>();
  /** Connections whose gateway socket is not draining: the relay's frames are not read while any is. */
  private readonly congested = new Set<TunnelConnection>();
  /** The exec stream is not draining: every gateway socket is paused until it does. */
  private socketsPaused = false;

  constructor(
    private readonly hostSocketPath: string,
    private readonly maxOpenConnections: number,
    private readonly link: RelayLink,
  ) {}

  get openCount(): number {
    return this.open.size;
  }

  onOpen(frame: Frame): void {
    const id = frame.connectionId;
    const refusal =
      id === 0
        ? "OPEN for connection 0, which is reserved"
        : frame.payload.length > 0
          ? `OPEN for connection ${id} carries a payload`
          : this.open.has(id)
            ? `OPEN for connection ${id}, which is already open`
            : undefined;
    if (refusal !== undefined) {
      this.link.violation(refusal);
      return;
    }
    this.recentlyClosed.delete(id);
    if (this.open.size >= this.maxOpenConnections) {
      this.rememberClosed(id);
      this.link.send(encodeFrame(FrameType.RESET, id));
      return;
    }
    this.connectToGateway(id);
  }

  onData(frame: Frame): void {
    const connection = this.connectionFor(frame);
    if (connection === undefined) return;
    if (connection.relayEnded) {
      this.link.violation(`DATA for connection ${frame.connectionId} after its END`);
      return;
    }
    this.counters.bytesToHost += frame.payload.length;
    if (!connection.socket.write(frame.payload)) {
      this.congested.add(connection);
      this.link.pauseRelay();
    }
  }

  onEnd(frame: Frame): void {
    const connection = this.connectionFor(frame);
    if (connection === undefined) return;
    if (connection.relayEnded) {
      this.link.violation(`a second END for connection ${frame.connectionId}`);
      return;
    }
    connection.relayEnded = true;
    connection.socket.end();
    if (connection.hostEnded) this.forget(connection);
  }

  onReset(frame: Frame): void {
    const connection = this.connectionFor(frame);
    if (connection === undefined) return;
    connection.socket.destroy();
    this.forget(connection);
  }

  /** Backpressure from the exec stream: no gateway socket is read until resumeSockets. */
  pauseSockets(): void {
    this.socketsPaused = true;
    for (const socket of this.liveSockets) socket.pause();
  }

  resumeSockets(): void {
    this.socketsPaused = false;
    for (const socket of this.liveSockets) socket.resume();
  }

  destroyAll(): void {
    for (const socket of this.liveSockets) socket.destroy();
    this.open.clear();
    this.congested.clear();
  }

  private connectToGateway(id: number): void {
    const socket = connect({ path: this.hostSocketPath, allowHalfOpen: true });
    const connection: TunnelConnection = { id, socket, relayEnded: false, hostEnded: false };
    this.open.set(id, connection);
    this.liveSockets.add(socket);
    this.counters.connections++;
    if (this.socketsPaused) socket.pause();
    const link = this.link;
    socket.on("data", (chunk: Buffer) => link.guarded(() => this.toContainer(connection, chunk)));
    socket.on("end", () => link.guarded(() => this.onGatewayEnd(connection)));
    socket.on("drain", () => link.guarded(() => this.uncongest(connection)));
    // Errors (the gateway refused or went away) are followed by "close", which resets the connection.
    socket.on("error", () => {});
    socket.on("close", () => link.guarded(() => this.onGatewayClose(connection)));
  }

  /** The open connection a frame is for; undefined (quietly) for one closed lately, a violation otherwise. */
  private connectionFor(frame: Frame): TunnelConnection | undefined {
    const what = `${frameTypeName(frame.type)} for connection ${frame.connectionId}`;
    if (frame.type !== FrameType.DATA && frame.payload.length > 0) {
      this.link.violation(`${what} carries a payload`);
      return undefined;
    }
    const connection = this.open.get(frame.connectionId);
    if (connection === undefined && !this.recentlyClosed.has(frame.connectionId)) {
      this.link.violation(`${what}, which was never opened`);
    }
    return connection;
  }

  private isOpen(connection: TunnelConnection): boolean {
    return this.open.get(connection.id) === connection;
  }

  private toContainer(connection: TunnelConnection, chunk: Buffer): void {
    if (!this.isOpen(connection)) return;
    this.counters.bytesToContainer += chunk.length;
    for (const frame of encodeData(connection.id, chunk)) this.link.send(frame);
  }

  private onGatewayEnd(connection: TunnelConnection): void {
    if (!this.isOpen(connection)) return;
    connection.hostEnded = true;
    this.link.send(encodeFrame(FrameType.END, connection.id));
    if (connection.relayEnded) this.forget(connection);
  }

  /** A gateway socket that closed before both sides ended (refused, failed, destroyed) resets the connection. */
  private onGatewayClose(connection: TunnelConnection): void {
    this.liveSockets.delete(connection.socket);
    if (!this.isOpen(connection)) return;
    this.forget(connection);
    this.link.send(encodeFrame(FrameType.RESET, connection.id));
  }

  private forget(connection: TunnelConnection): void {
    this.open.delete(connection.id);
    this.rememberClosed(connection.id);
    this.uncongest(connection);
  }

  private rememberClosed(id: number): void {
    this.recentlyClosed.add(id);
    // A Set iterates in insertion order, so the first entry is the oldest.
    const oldest = this.recentlyClosed.values().next().value;
    if (this.recentlyClosed.size > RECENT_IDS_KEPT && oldest !== undefined) this.recentlyClosed.delete(oldest);
  }

  private uncongest(connection: TunnelConnection): void {
    if (!this.congested.delete(connection)) return;
    if (this.congested.size === 0) this.link.resumeRelay();
  }
}
