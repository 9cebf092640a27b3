// The gateway tunnel without Docker: the frame codec, and the host end driven by a fake relay stream
// against a real unix-socket server — every hostile input ends the tunnel with a reason and leaves no
// gateway connection open, and both directions apply backpressure.
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Duplex } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SandboxError } from "../../sandbox/errors.ts";
import {
  encodeData,
  encodeFrame,
  type Frame,
  FrameDecoder,
  FrameType,
  type FrameTypeCode,
  MAX_DATA_CHUNK_BYTES,
  RELAY_PROTOCOL,
} from "../../sandbox/gateway-tunnel/frames.ts";
import { type GatewayTunnel, openGatewayTunnel } from "../../sandbox/gateway-tunnel/index.ts";
import { dockerFrame, type FakeGateway, type FakeRelay, fakeGateway, fakeRelay } from "../support/fake-relay-stream.ts";

const MiB = 1024 * 1024;

function header(type: number, connectionId: number, length: number): Buffer {
  const bytes = Buffer.alloc(9);
  bytes.writeUInt8(type, 0);
  bytes.writeUInt32BE(connectionId, 1);
  bytes.writeUInt32BE(length, 5);
  return bytes;
}

/** Frames with their payloads hashed: vitest compares large Buffers byte by byte, slowly. */
function digest(frames: Array<Pick<Frame, "connectionId" | "payload"> & { type: number }>) {
  return frames.map(({ type, connectionId, payload }) => ({
    type,
    connectionId,
    bytes: payload.length,
    sha: createHash("sha256").update(payload).digest("hex"),
  }));
}

function decodeAll(chunks: Buffer[]): Frame[] {
  const decoder = new FrameDecoder(MiB);
  const frames: Frame[] = [];
  const errors: string[] = [];
  for (const chunk of chunks) {
    const result = decoder.push(chunk);
    if (result.error !== undefined) errors.push(result.error);
    frames.push(...result.frames);
  }
  expect(errors).toEqual([]);
  expect(decoder.idle).toBe(true);
  return frames;
}

/** A seeded split of a buffer into pieces of 1..maxPiece bytes (mulberry32). */
function splitRandomly(bytes: Buffer, seed: number, maxPiece: number): Buffer[] {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; ) {
    const size = 1 + Math.floor(next() * maxPiece);
    pieces.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return pieces;
}

describe("gateway tunnel frame codec", () => {
  const big = Buffer.alloc(200 * 1024, 7);
  const frames: Array<[FrameTypeCode, number, Buffer]> = [
    [FrameType.READY, 0, Buffer.from(RELAY_PROTOCOL)],
    [FrameType.OPEN, 1, Buffer.alloc(0)],
    [FrameType.DATA, 1, Buffer.from("hello")],
    [FrameType.DATA, 4_000_000_000, big],
    [FrameType.END, 1, Buffer.alloc(0)],
    [FrameType.RESET, 2, Buffer.alloc(0)],
  ];
  const wire = Buffer.concat(frames.map(([type, id, payload]) => encodeFrame(type, id, payload)));
  const expected = digest(frames.map(([type, connectionId, payload]) => ({ type, connectionId, payload })));

  it("round-trips every frame type", () => {
    expect(digest(decodeAll([wire]))).toEqual(expected);
  });

  it("decodes the same however the input is split", () => {
    const small = frames.filter(([, , payload]) => payload !== big);
    const smallWire = Buffer.concat(small.map(([type, id, payload]) => encodeFrame(type, id, payload)));
    expect(decodeAll([...smallWire].map((byte) => Buffer.from([byte])))).toEqual(
      small.map(([type, connectionId, payload]) => ({ type, connectionId, payload })),
    );
    for (const seed of [1, 2, 3]) expect(digest(decodeAll(splitRandomly(wire, seed, 5000)))).toEqual(expected);
    expect(digest(decodeAll(splitRandomly(wire, 4, 12)))).toEqual(expected);
  });

  it("splits data into frames of at most 64 KiB", () => {
    const bytes = Buffer.alloc(150 * 1024, 3);
    const chunks = encodeData(9, bytes);
    expect(chunks.map((chunk) => chunk.length - 9)).toEqual([MAX_DATA_CHUNK_BYTES, MAX_DATA_CHUNK_BYTES, 22 * 1024]);
    expect(Buffer.concat(decodeAll(chunks).map((frame) => frame.payload)).equals(bytes)).toBe(true);
  });

  it("refuses an unknown type and a payload over the cap, and stays refused", () => {
    const unknown = new FrameDecoder(MiB);
    expect(unknown.push(header(9, 1, 0)).error).toMatch(/unknown frame type 9/);
    expect(unknown.push(encodeFrame(FrameType.OPEN, 2)).error).toMatch(/unknown frame type 9/);
    const capped = new FrameDecoder(MiB);
    const result = capped.push(Buffer.concat([encodeFrame(FrameType.OPEN, 1), header(FrameType.DATA, 1, MiB + 1)]));
    expect(result.frames).toHaveLength(1);
    expect(result.error).toMatch(
      /DATA frame for connection 1 declares a payload of 1048577 bytes, over the cap of 1048576/,
    );
  });
});

describe("gateway tunnel host end (fake relay, real unix socket)", () => {
  let scratch: string;
  let gateway: FakeGateway | undefined;
  let tunnel: GatewayTunnel | undefined;

  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), "dgm-tunnel-"));
  });
  afterEach(async () => {
    await tunnel?.close();
    await gateway?.close();
    tunnel = undefined;
    gateway = undefined;
    await rm(scratch, { recursive: true, force: true });
  });

  /** A gateway that answers "got:<everything sent>" once the client half-closed. */
  async function echoGateway(): Promise<FakeGateway> {
    gateway = await fakeGateway(join(scratch, "gateway.sock"), (socket) => {
      const parts: Buffer[] = [];
      socket.on("data", (chunk: Buffer) => parts.push(chunk));
      socket.on("end", () => socket.end(`got:${Buffer.concat(parts).toString()}`));
    });
    return gateway;
  }

  async function open(relay: FakeRelay, hostSocketPath: string, maxOpenConnections?: number) {
    const opening = openGatewayTunnel(relay.stream, {
      hostSocketPath,
      limits: maxOpenConnections === undefined ? {} : { maxOpenConnections },
    });
    relay.sendReady();
    tunnel = await opening;
    return tunnel;
  }

  async function stillOpen(candidate: GatewayTunnel): Promise<boolean> {
    await new Promise((resolve) => setImmediate(resolve));
    return (await Promise.race([candidate.ended, Promise.resolve("open")])) === "open";
  }

  const payloadOf = (relay: FakeRelay, id: number) =>
    Buffer.concat(
      relay.received.filter((f) => f.type === FrameType.DATA && f.connectionId === id).map((f) => f.payload),
    );

  it("carries a connection both ways, with the client's half-close", async () => {
    const server = await echoGateway();
    const relay = fakeRelay();
    const opened = await open(relay, server.path);
    relay.send(FrameType.OPEN, 1);
    relay.send(FrameType.DATA, 1, Buffer.from("hello"));
    relay.send(FrameType.DATA, 1, Buffer.from(" world"));
    relay.send(FrameType.END, 1);
    await relay.waitFor((frame) => frame.type === FrameType.END && frame.connectionId === 1);
    expect(payloadOf(relay, 1).toString()).toBe("got:hello world");
    await server.drained();
    expect(opened.stats()).toEqual({ connections: 1, openConnections: 0, bytesToHost: 11, bytesToContainer: 15 });
    expect(await stillOpen(opened)).toBe(true);
  });

  it("resets a connection the gateway refuses and keeps the tunnel", async () => {
    const relay = fakeRelay();
    const opened = await open(relay, join(scratch, "nobody-listens.sock"));
    relay.send(FrameType.OPEN, 1);
    relay.send(FrameType.DATA, 1, Buffer.from("lost"));
    await relay.waitFor((frame) => frame.type === FrameType.RESET && frame.connectionId === 1);
    expect(opened.stats().openConnections).toBe(0);
    expect(await stillOpen(opened)).toBe(true);
  });

  it("answers OPENs past the cap with RESET, ignores their late frames, and keeps the tunnel", async () => {
    const server = await echoGateway();
    const relay = fakeRelay();
    const opened = await open(relay, server.path, 2);
    for (const id of [1, 2, 3]) relay.send(FrameType.OPEN, id);
    await relay.waitFor((frame) => frame.type === FrameType.RESET && frame.connectionId === 3);
    relay.send(FrameType.DATA, 3, Buffer.from("in flight"));
    relay.send(FrameType.END, 3);
    expect(await stillOpen(opened)).toBe(true);
    expect(opened.stats()).toMatchObject({ connections: 2, openConnections: 2 });
    relay.send(FrameType.RESET, 1);
    relay.send(FrameType.DATA, 1, Buffer.from("late"));
    expect(await stillOpen(opened)).toBe(true);
    expect(opened.stats().openConnections).toBe(1);
    await opened.close();
    expect(await opened.ended).toBe("closed by the host");
    await opened.close();
    await server.drained();
  });

  const hostile: Array<[string, (relay: FakeRelay) => void, RegExp]> = [
    ["an unknown frame type", (relay) => relay.sendRaw(header(9, 1, 0)), /protocol violation: unknown frame type 9/],
    ["a payload over the cap", (relay) => relay.sendRaw(header(FrameType.DATA, 1, 2 * MiB)), /over the cap of 1048576/],
    [
      "an OPEN of an open connection",
      (relay) => relay.send(FrameType.OPEN, 1),
      /OPEN for connection 1, which is already open/,
    ],
    ["an OPEN of connection 0", (relay) => relay.send(FrameType.OPEN, 0), /connection 0, which is reserved/],
    [
      "DATA for a connection never opened",
      (relay) => relay.send(FrameType.DATA, 7, Buffer.from("x")),
      /DATA for connection 7, which was never opened/,
    ],
    [
      "END for a connection never opened",
      (relay) => relay.send(FrameType.END, 7),
      /END for connection 7, which was never opened/,
    ],
    [
      "DATA after the connection's END",
      (relay) => {
        relay.send(FrameType.END, 1);
        relay.send(FrameType.DATA, 1, Buffer.from("x"));
      },
      /DATA for connection 1 after its END/,
    ],
    ["a second READY", (relay) => relay.sendReady(), /a second READY frame/],
  ];

  it.each(hostile)("ends the tunnel on %s and closes every gateway connection", async (_name, attack, reason) => {
    const server = await fakeGateway(join(scratch, "gateway.sock"), () => {});
    gateway = server;
    const relay = fakeRelay();
    const opened = await open(relay, server.path);
    relay.send(FrameType.OPEN, 1);
    relay.send(FrameType.DATA, 1, Buffer.from("hello"));
    relay.sendStderr("relay says hi");
    await server.connected(1);
    attack(relay);
    const why = await opened.ended;
    expect(why).toMatch(reason);
    expect(why).toMatch(/relay stderr: relay says hi/);
    await server.drained();
    expect(opened.stats().openConnections).toBe(0);
    expect(relay.stream.destroyed).toBe(true);
  });

  it("refuses garbage before READY and names the relay's stderr", async () => {
    const relay = fakeRelay();
    const opening = openGatewayTunnel(relay.stream, { hostSocketPath: join(scratch, "gateway.sock") });
    relay.sendStderr("node: something odd");
    relay.sendRaw(Buffer.from("Hello from a process that is not the relay\n"));
    const error = await opening.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SandboxError);
    expect(String(error)).toMatch(/garbage before READY: unknown frame type 72.*relay stderr: node: something odd/);
    expect(relay.stream.destroyed).toBe(true);
    const early = fakeRelay();
    const earlyOpening = openGatewayTunnel(early.stream, { hostSocketPath: join(scratch, "gateway.sock") });
    early.send(FrameType.OPEN, 1);
    await expect(earlyOpening).rejects.toThrow(/garbage before READY: a frame of type OPEN/);
  });

  it("fails the open with the relay's stderr when it exits before READY", async () => {
    const relay = fakeRelay();
    const opening = openGatewayTunnel(relay.stream, { hostSocketPath: join(scratch, "gateway.sock") });
    relay.sendStderr("Error: Cannot find module '/opt/dgm-relay/gateway-relay.mjs'");
    relay.endOutput();
    await expect(opening).rejects.toThrow(/did not start: the .* ended .*relay stderr: Error: Cannot find module/);
  });

  it("fails the open when READY never comes, or speaks another protocol", async () => {
    const silent = fakeRelay();
    await expect(
      openGatewayTunnel(silent.stream, { hostSocketPath: join(scratch, "gateway.sock"), readyTimeoutMs: 50 }),
    ).rejects.toThrow(/did not report READY within 50 ms; relay stderr: \(empty\)/);
    expect(silent.stream.destroyed).toBe(true);
    const stale = fakeRelay();
    const opening = openGatewayTunnel(stale.stream, { hostSocketPath: join(scratch, "gateway.sock") });
    stale.send(FrameType.READY, 0, Buffer.from("dgm-gateway-relay/0"));
    await expect(opening).rejects.toThrow(/speaking "dgm-gateway-relay\/0".*from another version/);
  });

  it("ends the tunnel and every gateway connection when the relay's output ends", async () => {
    const server = await echoGateway();
    const relay = fakeRelay();
    const opened = await open(relay, server.path);
    relay.send(FrameType.OPEN, 1);
    await server.connected(1);
    relay.endOutput();
    expect(await opened.ended).toMatch(/ended \(the relay exited or its container is gone\)/);
    await server.drained();
    expect(opened.stats().openConnections).toBe(0);
  });
});

/** A relay stream whose reads are counted: what the host pulled is what it holds or passed on. */
function pulledRelay(totalBytes: number) {
  const block = Buffer.alloc(MAX_DATA_CHUNK_BYTES, 5);
  const state = { pulled: 0 };
  const preamble = [encodeFrame(FrameType.READY, 0, Buffer.from(RELAY_PROTOCOL)), encodeFrame(FrameType.OPEN, 1)];
  const stream = new Duplex({
    read() {
      const next = preamble.shift();
      if (next) this.push(dockerFrame(1, next));
      else if (state.pulled < totalBytes) {
        state.pulled += block.length;
        this.push(dockerFrame(1, encodeFrame(FrameType.DATA, 1, block)));
      }
    },
    write(_chunk, _encoding, done) {
      done();
    },
  });
  return { stream, state };
}

/** Resolves once read() stops changing for a few polls: the pipeline is full or done. */
async function settled(read: () => number): Promise<number> {
  let last = -1;
  let quiet = 0;
  while (quiet < 10) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = read();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  return last;
}

describe("gateway tunnel backpressure", () => {
  it("stops reading the relay while the gateway does not read, and delivers everything after", async () => {
    const scratch = await mkdtemp(join(tmpdir(), "dgm-tunnel-"));
    let received = 0;
    const server = await fakeGateway(join(scratch, "gateway.sock"), (socket) => {
      socket.pause();
      socket.on("data", (chunk: Buffer) => (received += chunk.length));
    });
    const total = 64 * MiB;
    const relay = pulledRelay(total);
    const tunnel = await openGatewayTunnel(relay.stream, { hostSocketPath: server.path });
    try {
      expect(await settled(() => relay.state.pulled)).toBeLessThan(8 * MiB);
      for (const socket of server.sockets) socket.resume();
      expect(await settled(() => received)).toBe(total);
      expect(tunnel.stats().bytesToHost).toBe(total);
    } finally {
      await tunnel.close();
      await server.close();
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it("stops reading the gateway while the exec stream does not drain, and delivers everything after", async () => {
    const scratch = await mkdtemp(join(tmpdir(), "dgm-tunnel-"));
    const total = 32 * MiB;
    const server = await fakeGateway(join(scratch, "gateway.sock"), (socket) => {
      for (let sent = 0; sent < total; sent += MiB) socket.write(Buffer.alloc(MiB, 1));
      socket.end();
    });
    const decoder = new FrameDecoder(MiB);
    let delivered = 0;
    let endSeen = false;
    let held: Array<() => void> | undefined = [];
    const preamble = [encodeFrame(FrameType.READY, 0, Buffer.from(RELAY_PROTOCOL)), encodeFrame(FrameType.OPEN, 1)];
    const stream = new Duplex({
      read() {
        const next = preamble.shift();
        if (next) this.push(dockerFrame(1, next));
      },
      write(chunk: Buffer, _encoding, done) {
        for (const frame of decoder.push(chunk).frames) {
          if (frame.type === FrameType.DATA) delivered += frame.payload.length;
          if (frame.type === FrameType.END) endSeen = true;
        }
        if (held) held.push(done);
        else done();
      },
    });
    const tunnel = await openGatewayTunnel(stream, { hostSocketPath: server.path });
    try {
      expect(await settled(() => tunnel.stats().bytesToContainer)).toBeLessThan(8 * MiB);
      const release = held;
      held = undefined;
      for (const done of release) done();
      expect(await settled(() => delivered)).toBe(total);
      expect(endSeen).toBe(true);
    } finally {
      await tunnel.close();
      await server.close();
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
