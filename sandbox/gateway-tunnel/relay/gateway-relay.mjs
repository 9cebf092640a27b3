// The container end of the gateway tunnel (the host end is ../host-end.ts). It
// listens on a unix socket inside the container and carries every accepted connection, multiplexed
// as frames, over its own stdin/stdout: the one exec stream the host holds open through the Docker
// API. So the agent reaches the model gateway on any engine, and its container keeps no network.
// Usage (as root, started by the host, see relay-exec.ts): node gateway-relay.mjs <absolute socket path>
//
// Wire format (the same as ../frames.ts; this file is plain JavaScript for the
// container's node, so it keeps its own copy): type u8 | connection id u32 BE | length u32 BE | payload.
// Runs as root so that the agent (uid 1000) cannot ptrace it or write fake frames to its stdout via
// /proc; every capability is dropped by the container spec, so root owns its own files and no more.
import { chmodSync, lstatSync, mkdirSync, unlinkSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, isAbsolute } from "node:path";

const READY = 1;
const OPEN = 2;
const DATA = 3;
const END = 4;
const RESET = 5;
const HEADER_BYTES = 9;
const MAX_DATA_CHUNK_BYTES = 64 * 1024;
const PROTOCOL = "dgm-gateway-relay/1";
/** The host sends at most 64 KiB per frame; anything far past that is a broken stream. */
const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** Clients at once; the host resets connections past its own (lower) cap, this bounds our descriptors. */
const MAX_CLIENTS = 256;
const EMPTY = Buffer.alloc(0);

function die(message) {
  process.stderr.write(`gateway-relay: ${message}\n`);
  process.exit(2);
}

const socketPath = process.argv[2];
if (!socketPath || !isAbsolute(socketPath)) die("usage: node gateway-relay.mjs <absolute socket path>");

/** id → { socket, clientEnded, hostEnded } */
const clients = new Map();
let nextId = 1;
/** Clients whose socket is not draining what the host sends: stdin is paused while any is. */
const congested = new Set();
/** stdout is not draining: every client is paused until it does. */
let outputBlocked = false;

function send(type, id, payload = EMPTY) {
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  frame.writeUInt8(type, 0);
  frame.writeUInt32BE(id, 1);
  frame.writeUInt32BE(payload.length, 5);
  payload.copy(frame, HEADER_BYTES);
  if (process.stdout.write(frame) || outputBlocked) return;
  outputBlocked = true;
  for (const client of clients.values()) client.socket.pause();
}

process.stdout.on("drain", () => {
  outputBlocked = false;
  for (const client of clients.values()) client.socket.resume();
});
// The host went away mid-write: nothing more can be sent, so stop.
process.stdout.on("error", () => shutDown(1));

function forget(id, client) {
  if (clients.get(id) !== client) return;
  clients.delete(id);
  uncongest(client);
}

function uncongest(client) {
  congested.delete(client);
  if (congested.size === 0) process.stdin.resume();
}

function accept(socket) {
  const id = nextId++;
  const client = { socket, clientEnded: false, hostEnded: false };
  clients.set(id, client);
  send(OPEN, id);
  if (outputBlocked) socket.pause();
  socket.on("data", (chunk) => {
    for (let offset = 0; offset < chunk.length; offset += MAX_DATA_CHUNK_BYTES) {
      send(DATA, id, chunk.subarray(offset, offset + MAX_DATA_CHUNK_BYTES));
    }
  });
  socket.on("end", () => {
    client.clientEnded = true;
    send(END, id);
    if (client.hostEnded) forget(id, client);
  });
  socket.on("drain", () => uncongest(client));
  socket.on("error", () => {}); // followed by "close"
  socket.on("close", () => {
    if (clients.get(id) !== client) return;
    forget(id, client);
    send(RESET, id);
  });
}

function onHostFrame(type, id, payload) {
  const client = clients.get(id);
  if (client === undefined) return; // closed here while the host's frame was in flight
  if (type === DATA) {
    if (!client.socket.write(payload)) {
      congested.add(client);
      process.stdin.pause();
    }
  } else if (type === END) {
    client.hostEnded = true;
    client.socket.end();
    if (client.clientEnded) forget(id, client);
  } else if (type === RESET) {
    forget(id, client);
    client.socket.destroy();
  } else {
    die(`the host sent a frame of type ${type}, which this relay (${PROTOCOL}) does not know`);
  }
}

// Incremental decoding of the host's frames: a header, then its payload gathered from slices.
const header = Buffer.alloc(HEADER_BYTES);
let headerFill = 0;
let pending;
let parts = [];
let partsFill = 0;

function completeFrame() {
  const payload = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  const { type, id } = pending;
  pending = undefined;
  parts = [];
  partsFill = 0;
  onHostFrame(type, id, payload);
}

function onHostBytes(chunk) {
  let offset = 0;
  while (offset < chunk.length) {
    if (pending === undefined) {
      const take = Math.min(HEADER_BYTES - headerFill, chunk.length - offset);
      chunk.copy(header, headerFill, offset, offset + take);
      headerFill += take;
      offset += take;
      if (headerFill < HEADER_BYTES) continue;
      headerFill = 0;
      pending = { type: header.readUInt8(0), id: header.readUInt32BE(1), length: header.readUInt32BE(5) };
      if (pending.length > MAX_PAYLOAD_BYTES) die(`the host sent a frame of ${pending.length} bytes`);
    } else {
      const take = Math.min(pending.length - partsFill, chunk.length - offset);
      parts.push(chunk.subarray(offset, offset + take));
      partsFill += take;
      offset += take;
    }
    if (pending !== undefined && partsFill === pending.length) completeFrame();
  }
}

let shuttingDown = false;
function shutDown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  server.close();
  for (const client of clients.values()) client.socket.destroy();
  try {
    unlinkSync(socketPath);
  } catch {}
  process.exit(code);
}

/** A socket left by an earlier relay is replaced; anything else at the path is a mistake to report. */
function clearSocketPath() {
  let stat;
  try {
    stat = lstatSync(socketPath);
  } catch {
    return;
  }
  if (!stat.isSocket()) die(`${socketPath} exists and is not a socket; choose another path`);
  unlinkSync(socketPath);
}

const server = createServer({ allowHalfOpen: true }, accept);
server.maxConnections = MAX_CLIENTS;
server.on("error", (error) => {
  if (!server.listening) die(`cannot listen on ${socketPath}: ${error.message}`);
  // An accept that failed (descriptors exhausted by a flood) costs that one client, not the relay.
  process.stderr.write(`gateway-relay: ${error.message}\n`);
});

try {
  mkdirSync(dirname(socketPath), { recursive: true, mode: 0o755 });
  clearSocketPath();
} catch (error) {
  die(`cannot prepare ${socketPath}: ${error.message}`);
}
process.stdin.on("data", onHostBytes);
process.stdin.on("end", () => shutDown(0));
process.stdin.on("error", () => shutDown(1));
server.listen(socketPath, () => {
  // uid 1000 must be able to connect; READY only once it can.
  chmodSync(socketPath, 0o666);
  send(READY, 0, Buffer.from(PROTOCOL));
});
